namespace Vital.Introspection;

/// <summary>A Vital region and environment, as named by the API key's prefix.</summary>
public sealed record VitalEnvironment(string Name, string KeyPrefix, Uri BaseUrl)
{
    public static VitalEnvironment ProductionUs { get; } = new("production (US)", "pk_us_", new Uri("https://api.us.junction.com"));
    public static VitalEnvironment ProductionEu { get; } = new("production (EU)", "pk_eu_", new Uri("https://api.eu.junction.com"));
    public static VitalEnvironment SandboxUs { get; } = new("sandbox (US)", "sk_us_", new Uri("https://api.sandbox.us.junction.com"));
    public static VitalEnvironment SandboxEu { get; } = new("sandbox (EU)", "sk_eu_", new Uri("https://api.sandbox.eu.junction.com"));

    public static IReadOnlyList<VitalEnvironment> All { get; } = [ProductionUs, ProductionEu, SandboxUs, SandboxEu];

    /// <summary>The environment the key's prefix names, or null for a key without a known prefix.</summary>
    public static VitalEnvironment? FromApiKey(string? apiKey) =>
        string.IsNullOrEmpty(apiKey) ? null : All.FirstOrDefault(e => apiKey.StartsWith(e.KeyPrefix, StringComparison.Ordinal));
}
