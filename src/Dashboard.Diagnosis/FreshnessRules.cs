using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>
/// The rules about ongoing data (what Vital's support reads last): data that stopped arriving after a successful
/// backfill, a phone-synced provider that is merely hours behind, and failed read attempts. One finding per provider,
/// naming its resources.
/// </summary>
internal sealed class FreshnessRules(DiagnosisThresholds thresholds)
{
    /// <summary>One resource's ongoing data beside what the historical pull said (null: never pulled).</summary>
    public readonly record struct Resource(string Name, ResourceFreshness Freshness, PullStatus? Pull);

    /// <summary>
    /// The findings about one provider's ongoing data. <paramref name="connection"/> is the connection's status when the
    /// connections were read: stale data is only a finding on a connection that says it is fine (a broken or paused one
    /// has its own finding, which explains the silence).
    /// </summary>
    public IEnumerable<Finding> Evaluate(string userId, string provider, IReadOnlyList<Resource> resources, ConnectionStatus? connection, DateTimeOffset asOf)
    {
        var name = ProviderKnowledge.ProviderDisplayName(provider);
        var connected = connection == ConnectionStatus.Connected;
        if (connected)
        {
            // Stale only where the backfill succeeded or never ran: a failed or running pull has a finding of its own.
            var stale = resources
                .Where(r => r.Pull is null || r.Pull == PullStatus.Success)
                .Where(r => thresholds.IsStale(provider, r.Freshness.NewestData, asOf))
                .ToList();
            if (stale.Count > 0)
            {
                yield return Stale(userId, provider, name, stale, asOf);
            }
            else if (ProviderKnowledge.IsSdkProvider(provider)
                && resources.Select(r => r.Freshness.NewestData).Max() is { } newest
                && asOf - newest > DiagnosisThresholds.SdkDelayNoticeAfter)
            {
                yield return DelayNormal(provider, name, newest, asOf);
            }
        }

        // A broken connection's attempts fail by nature: its own finding says why.
        if (connection != ConnectionStatus.Error
            && resources.Where(r => r.Freshness.LastAttempt?.Status == AttemptStatus.Failure).ToList() is { Count: > 0 } failed)
        {
            yield return AttemptFailed(userId, provider, name, failed);
        }
    }

    private Finding Stale(string userId, string provider, string name, List<Resource> stale, DateTimeOffset asOf)
    {
        var newest = stale.Select(r => r.Freshness.NewestData!.Value).Max();
        var resources = TextFormatter.List([.. stale.Select(r => ProviderKnowledge.ResourceDisplayName(r.Name))]);
        var limit = thresholds.StaleAfterFor(provider);
        var note = ProviderKnowledge.DelayNote(provider);
        var sdk = ProviderKnowledge.IsSdkProvider(provider);
        var action = sdk
            ? $"Ask the user to open your app on their phone with {name} access allowed: the data only moves then. If they did and nothing arrives, check {name}'s read permissions in the phone's settings, then escalate to Vital support with the user id {userId}, the provider {provider} and the newest-data time ({TextFormatter.Utc(newest)})."
            : $"Ask the user whether they still wear the device and sync it with {name} (open {name}'s app). If data should be there, an operator can ask Vital to refresh the user; if nothing arrives after that, escalate to Vital support with the user id {userId}, the provider {provider} and the newest-data time ({TextFormatter.Utc(newest)}).";
        return Create(
            FindingCodes.DataStale,
            provider,
            $"{name} data stopped arriving {TextFormatter.Duration(asOf - newest)} ago",
            $"The {name} connection reports no error and the history arrived, but Vital has seen no new {resources} data since {TextFormatter.Utc(newest)}, longer than the {TextFormatter.Duration(limit)} this dashboard allows.{Suffix(note)}",
            action,
            new FindingEvidence
            {
                Resources = [.. stale.Select(r => r.Name)],
                NewestData = newest,
                StaleAfterHours = TextFormatter.Hours(limit),
                ProviderNote = note,
            });
    }

    private Finding DelayNormal(string provider, string name, DateTimeOffset newest, DateTimeOffset asOf)
    {
        var note = ProviderKnowledge.DelayNote(provider);
        var limit = thresholds.StaleAfterFor(provider);
        return Create(
            FindingCodes.DataDelayNormal,
            provider,
            $"{name} data is {TextFormatter.Duration(asOf - newest)} behind: normal for now",
            $"The newest {name} data is from {TextFormatter.Utc(newest)}. {name} data comes from the user's phone through your app, so hours without new data are normal when the app has not been opened. Nothing is wrong yet.{Suffix(note)}",
            $"Nothing to do yet. If the user expects the data now, ask them to open your app. It counts as stale after {TextFormatter.Duration(limit)}.",
            new FindingEvidence { NewestData = newest, StaleAfterHours = TextFormatter.Hours(limit), ProviderNote = note });
    }

    private static Finding AttemptFailed(string userId, string provider, string name, List<Resource> failed)
    {
        var resources = TextFormatter.List([.. failed.Select(r => ProviderKnowledge.ResourceDisplayName(r.Name))]);
        var last = failed.Select(r => r.Freshness.LastAttempt!.Timestamp).Max();
        var when = last is { } at ? $" ({TextFormatter.Utc(at)})" : string.Empty;
        return Create(
            FindingCodes.LastAttemptFailed,
            provider,
            failed.Count == 1 ? $"Vital's last read of {name} {resources} failed" : $"Vital's last reads of {failed.Count} {name} resources failed",
            $"The last time Vital tried to read {resources} from {name}{when}, it failed. One failure is often temporary: Vital tries again by itself.",
            $"Check again in a few hours. If it keeps failing, or the data goes stale, escalate to Vital support with the user id {userId}, the provider {provider}, the resources and the attempt time.",
            new FindingEvidence { Resources = [.. failed.Select(r => r.Name)], LastAttemptAt = last });
    }

    private static string Suffix(string? note) => note is null ? string.Empty : " " + note;

    private static Finding Create(string code, string provider, string title, string explanation, string action, FindingEvidence evidence) =>
        Finding.Of(code, provider, null, title, explanation, action, evidence);
}
