using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>
/// The rules about a user's connections (Vital's support reads them first): a broken, paused or unknown connection,
/// and resources blocked by permissions the user denied. Stateless.
/// </summary>
internal static class ConnectionRules
{
    /// <summary>The findings about one connection: its status, and the scopes the user denied.</summary>
    public static IEnumerable<Finding> Evaluate(ProviderConnection connection, string userId)
    {
        var provider = connection.Provider.Value;
        var name = ProviderKnowledge.ProviderDisplayName(provider);
        var status = connection.Status;
        if (status == ConnectionStatus.Error)
        {
            yield return Broken(connection, provider, name, userId);
        }
        else if (status == ConnectionStatus.Paused)
        {
            yield return Paused(connection, provider, name);
        }
        else if (!status.IsKnown)
        {
            yield return UnknownStatus(connection, provider, name, userId);
        }

        if (DeniedScopes(connection) is { Count: > 0 } blocked)
        {
            yield return ScopesDenied(provider, name, blocked);
        }
    }

    /// <summary>The resources Vital cannot read because the user denied scopes, with those scopes (required first).</summary>
    public static IReadOnlyList<UnavailableResource> DeniedScopes(ProviderConnection connection) =>
    [
        .. connection.Resources
            .Where(r => r.Value.Status == AvailabilityStatus.Unavailable)
            .OrderBy(r => r.Key.Value, StringComparer.Ordinal)
            .Select(r => new UnavailableResource
            {
                Resource = r.Key.Value,
                DeniedScopes = [.. r.Value.DeniedRequiredScopes.Concat(r.Value.DeniedOptionalScopes).Distinct(StringComparer.Ordinal)],
            }),
    ];

    private static Finding Broken(ProviderConnection connection, string provider, string name, string userId)
    {
        var error = connection.Error;
        var type = error?.Type ?? new ConnectionErrorType(string.Empty);
        var since = error?.ErroredAt is { } at ? $" since {TextFormatter.Utc(at)}" : string.Empty;
        var meaning = ConnectionErrorText.Meaning(type, name) is { } known
            ? $"{char.ToUpperInvariant(known[0])}{known[1..]}."
            : type.Value.Length == 0
                ? "Vital gave no reason."
                : $"Vital reported the error type {TextFormatter.Quote(type.Value)}, which this dashboard does not know yet.";
        var message = error?.Message is { Length: > 0 } m ? $" Vital's message: {TextFormatter.Quote(m)}." : string.Empty;
        var note = ProviderKnowledge.ConnectionNote(provider);
        var escalate = $"Escalate to Vital support with the user id {userId}, the provider {provider}, the error{(error?.Message is { Length: > 0 } ? " message" : " type")} and the time it happened{(error?.ErroredAt is { } t ? $" ({TextFormatter.Utc(t)})" : string.Empty)}.";
        var action = type.Value switch
        {
            "token_refresh_failed" or "deregistered_per_provider" => $"Ask the user to reconnect {name} in your app.{Suffix(ProviderKnowledge.ReconnectNote(provider))}",
            "required_scopes_not_granted" => $"Ask the user to reconnect {name} and grant every permission it asks for.",
            "provider_credential_error" or "provider_password_expired" => $"Ask the user to update their {name} password at {name}, then reconnect {name} in your app.",
            _ => escalate,
        };

        return Create(
            FindingCodes.ConnectionError,
            provider,
            TypeTitle(name, type),
            $"The {name} connection is broken{since}: no new data arrives from it until it is fixed. {meaning}{message}{Suffix(note)}",
            action,
            new FindingEvidence
            {
                ConnectionStatus = connection.Status,
                ErrorType = error is null ? null : type,
                ErrorMessage = error?.Message,
                ErroredAt = error?.ErroredAt,
                ProviderNote = note,
            });
    }

    private static string TypeTitle(string name, ConnectionErrorType type) => type.Value switch
    {
        "token_refresh_failed" => $"{name} connection broken: access revoked or expired",
        "provider_password_expired" => $"{name} connection broken: password expired",
        "provider_credential_error" => $"{name} connection broken: credentials rejected",
        "required_scopes_not_granted" => $"{name} connection broken: permissions missing",
        "deregistered_per_provider" => $"{name} connection broken: de-registered by {name}",
        "" => $"{name} connection broken",
        _ => $"{name} connection broken ({type.Value})",
    };

    private static Finding Paused(ProviderConnection connection, string provider, string name) => Create(
        FindingCodes.ConnectionPaused,
        provider,
        $"{name} connection paused",
        $"Vital paused the {name} connection, as it does 7 days after the end of the user's ingestion window (set by your product for this user): no new data arrives from it.",
        $"If the user's program ended, nothing is wrong. If they should send data again, move their ingestion end later (through Vital's user API) and ask them to reconnect {name}.",
        new FindingEvidence { ConnectionStatus = connection.Status });

    private static Finding UnknownStatus(ProviderConnection connection, string provider, string name, string userId)
    {
        var value = connection.Status.Value;
        var shown = value.Length == 0 ? "no status" : $"the status {TextFormatter.Quote(value)}";
        return Create(
            FindingCodes.UnknownConnectionStatus,
            provider,
            value.Length == 0 ? $"{name} connection has no status" : $"{name} connection has unknown status {TextFormatter.Quote(value)}",
            $"Vital reported {shown} for the {name} connection, which this dashboard does not know yet (Vital adds values without notice), so it cannot tell whether data flows.",
            $"Judge from the connection's error and from how fresh the data is below; if unsure, ask Vital support what {TextFormatter.Quote(value)} means, with the user id {userId} and the provider {provider}. Tell the dashboard team so the next version knows it.",
            new FindingEvidence { ConnectionStatus = connection.Status, ErrorType = connection.Error?.Type, ErrorMessage = connection.Error?.Message });
    }

    private static Finding ScopesDenied(string provider, string name, IReadOnlyList<UnavailableResource> blocked)
    {
        var resources = TextFormatter.List([.. blocked.Select(b => b.DisplayName)]);
        var scopes = blocked.SelectMany(b => b.DeniedScopes).Distinct(StringComparer.Ordinal).ToList();
        var scopeText = scopes.Count == 0 ? "the permissions" : $"the {(scopes.Count == 1 ? "permission" : "permissions")} {TextFormatter.List([.. scopes.Select(TextFormatter.Quote)])}";
        var one = blocked.Count == 1;
        var note = ProviderKnowledge.ReconnectNote(provider);
        return Create(
            FindingCodes.ScopesDenied,
            provider,
            one ? $"{name} {resources} blocked: permission denied" : $"{blocked.Count} {name} resources blocked: permissions denied",
            $"When connecting {name}, the user did not grant {scopeText}, which {resources} {(one ? "needs" : "need")}, so Vital cannot read {(one ? "it" : "them")}. If the user chose not to share {(one ? "it" : "them")}, nothing is wrong.{Suffix(note)}",
            note is null
                ? $"If the user wants to share {resources}, ask them to reconnect {name} and grant {scopeText}."
                : $"If the user wants to share {resources}, have the {name} connection removed (deregistered) first, then ask the user to connect {name} again and grant {scopeText}.",
            new FindingEvidence { Resources = [.. blocked.Select(b => b.Resource)], Scopes = scopes, ProviderNote = note });
    }

    private static string Suffix(string? note) => note is null ? string.Empty : " " + note;

    private static Finding Create(string code, string provider, string title, string explanation, string action, FindingEvidence evidence) =>
        Finding.Of(code, provider, null, title, explanation, action, evidence);
}
