namespace Vital.Introspection;

/// <summary>The <c>Vital</c> configuration section.</summary>
public sealed class VitalOptions
{
    public const string SectionName = "Vital";

    /// <summary>The team API key. A secret: never logged, rendered or returned.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Upstream base URL; derived from the key's prefix when not set.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// Lets a live <see cref="BaseUrl"/> be plain http on a host that is not loopback. For the simulator and tests only
    /// (a compose network's <c>http://simulator:8080</c>): over plain http the team key crosses the network readable.
    /// </summary>
    public bool AllowInsecureBaseUrl { get; set; }

    /// <summary><c>Simulator</c> when no key is set, else <c>Live</c>.</summary>
    public VitalMode? Mode { get; set; }

    /// <summary>Page size asked of the upstream (an upper bound there).</summary>
    public int UserLimit { get; set; } = 50;

    /// <summary>How long an upstream answer is reused.</summary>
    public int CacheSeconds { get; set; } = 60;

    public VitalResilienceOptions Resilience { get; set; } = new();

    /// <summary>How the dashboard reads the whole team: per provider in parallel (default), or one cursor walk.</summary>
    public TeamScanMode ScanMode { get; set; } = TeamScanMode.PerProvider;

    /// <summary>
    /// How many cursor walks run at once in <see cref="TeamScanMode.PerProvider"/> mode (two per provider: its pulls
    /// and its ongoing data). 16 keeps a 100,000-user scan within 1.15× its longest walk (ADR 0022).
    /// </summary>
    public int ScanConcurrency { get; set; } = 16;

    /// <summary>
    /// The team scan also walks the ongoing-data (resources) introspection, so the grid knows every user's newest data
    /// and who is stale. A second walk as long as the first: a team that cannot afford it turns it off.
    /// </summary>
    public bool ScanResources { get; set; } = true;

    /// <summary>
    /// How long a team scan keeps resuming a page that still fails after the client's retries (backing off, then
    /// asking again with the same cursor) before it gives up on that walk and publishes what it read as an
    /// incomplete snapshot. Zero gives up at the first such page.
    /// </summary>
    public TimeSpan ScanPatience { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The key sent to the simulated team, which only checks that one is present.</summary>
    public const string SimulatorApiKey = "simulator-demo-key";

    /// <summary>The base URL of the in-process simulated team; never leaves the process.</summary>
    public static Uri SimulatorBaseUrl { get; } = new("http://vital-simulator.invalid/");

    public VitalMode EffectiveMode => Mode ?? (string.IsNullOrWhiteSpace(ApiKey) ? VitalMode.Simulator : VitalMode.Live);

    /// <summary>The configured base URL, else the one the key's prefix names, else null.</summary>
    public Uri? EffectiveBaseUrl => BaseUrl
        ?? (EffectiveMode == VitalMode.Simulator ? SimulatorBaseUrl : VitalEnvironment.FromApiKey(ApiKey)?.BaseUrl);

    /// <summary>The key to send: the configured one, or the simulator's placeholder in simulator mode.</summary>
    public string? EffectiveApiKey => !string.IsNullOrWhiteSpace(ApiKey) ? ApiKey
        : EffectiveMode == VitalMode.Simulator ? SimulatorApiKey : null;

    /// <summary>Everything but the key, for logs.</summary>
    public override string ToString() =>
        $"Mode={EffectiveMode}, BaseUrl={EffectiveBaseUrl}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(set)")}, UserLimit={UserLimit}";
}
