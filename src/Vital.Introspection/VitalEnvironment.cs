namespace Vital.Introspection;

/// <summary>A Vital region and environment, as named by the API key's prefix.</summary>
/// <param name="Name">For people: "production (US)".</param>
/// <param name="KeyPrefix">The key's prefix that names it.</param>
/// <param name="BaseUrl">Its API host.</param>
/// <param name="Environment"><c>production</c> or <c>sandbox</c>.</param>
/// <param name="Region"><c>us</c> or <c>eu</c>.</param>
public sealed record VitalEnvironment(string Name, string KeyPrefix, Uri BaseUrl, string Environment, string Region)
{
    public static VitalEnvironment ProductionUs { get; } = new("production (US)", "pk_us_", new Uri("https://api.us.junction.com"), "production", "us");
    public static VitalEnvironment ProductionEu { get; } = new("production (EU)", "pk_eu_", new Uri("https://api.eu.junction.com"), "production", "eu");
    public static VitalEnvironment SandboxUs { get; } = new("sandbox (US)", "sk_us_", new Uri("https://api.sandbox.us.junction.com"), "sandbox", "us");
    public static VitalEnvironment SandboxEu { get; } = new("sandbox (EU)", "sk_eu_", new Uri("https://api.sandbox.eu.junction.com"), "sandbox", "eu");

    public static IReadOnlyList<VitalEnvironment> All { get; } = [ProductionUs, ProductionEu, SandboxUs, SandboxEu];

    /// <summary>The environment the key's prefix names, or null for a key without a known prefix.</summary>
    public static VitalEnvironment? FromApiKey(string? apiKey) =>
        string.IsNullOrEmpty(apiKey) ? null : All.FirstOrDefault(e => apiKey.StartsWith(e.KeyPrefix, StringComparison.Ordinal));
}
