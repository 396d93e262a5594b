using Microsoft.Extensions.Primitives;

namespace Dashboard.Web.Security;

/// <summary>
/// Knows the configured secrets (<c>Vital:ApiKey</c>, <c>Auth:OpenIdConnect:ClientSecret</c>, <c>Store:ConnectionString</c>,
/// the passwords in it and in the Redis connection string, <c>Alerts:WebhookUrl</c> and the forms a log may print it in,
/// followed through configuration reloads) and replaces every occurrence of them in text with <see cref="Mask"/>.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "***";

    /// <summary>Values shorter than this are not masked: they would blank out ordinary words.</summary>
    public const int MinimumSecretLength = 8;

    public static readonly IReadOnlyList<string> SecretKeys = ["Vital:ApiKey", "Auth:OpenIdConnect:ClientSecret", "Store:ConnectionString", "Alerts:WebhookUrl"];

    /// <summary>Connection strings whose password (<c>password=</c>, <c>pwd=</c>) is a secret too: Redis's and the store's.</summary>
    public static readonly IReadOnlyList<string> ConnectionStringKeys = ["Cache:Redis", "Store:ConnectionString"];

    private volatile string[] _secrets = [];

    public SecretMasker(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Load(configuration);
        ChangeToken.OnChange(configuration.GetReloadToken, () => Load(configuration));
    }

    /// <summary>For tests and for hosts without configuration.</summary>
    public SecretMasker(IEnumerable<string?> secrets) => _secrets = Normalize(secrets);

    public bool HasSecrets => _secrets.Length > 0;

    public bool Contains(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text with every secret replaced; the same instance when there was none.</summary>
    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = text;
        foreach (var secret in _secrets)
        {
            if (result.Contains(secret, StringComparison.Ordinal))
            {
                result = result.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return result;
    }

    private void Load(IConfiguration configuration) =>
        _secrets = Normalize(SecretKeys.Select(key => configuration[key])
            .Concat(ConnectionStringKeys.SelectMany(key => Passwords(configuration[key])))
            .Concat(Dashboard.Store.StoreConnection.Secrets(configuration["Store:ConnectionString"]))
            .Concat(UrlForms(configuration["Alerts:WebhookUrl"])));

    /// <summary>
    /// The forms a URL whose path is the secret (a Slack webhook's is) may be logged in besides the one configured:
    /// normalized (<see cref="Uri.AbsoluteUri"/>), without its query (.NET's request logs cut it), and the path alone.
    /// </summary>
    internal static IEnumerable<string?> UrlForms(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return [];
        }

        return [uri.AbsoluteUri, uri.GetLeftPart(UriPartial.Path), uri.PathAndQuery, uri.AbsolutePath, Uri.UnescapeDataString(uri.AbsolutePath)];
    }

    /// <summary>The password parts of a connection string, ADO.NET style (<c>;</c>) or StackExchange.Redis style (<c>,</c>).</summary>
    internal static IEnumerable<string?> Passwords(string? connectionString) =>
        string.IsNullOrEmpty(connectionString)
            ? []
            : connectionString.Split([';', ','], StringSplitOptions.RemoveEmptyEntries)
                .Select(part => part.Split('=', 2))
                .Where(pair => pair.Length == 2 && pair[0].Trim() is var name
                    && (name.Equals("password", StringComparison.OrdinalIgnoreCase) || name.Equals("pwd", StringComparison.OrdinalIgnoreCase)))
                .Select(pair => pair[1]);

    private static string[] Normalize(IEnumerable<string?> secrets) =>
        [.. secrets
            .Select(s => s?.Trim())
            .Where(s => s is { Length: >= MinimumSecretLength })
            .Select(s => s!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)];
}
