namespace Vital.Introspection;

/// <summary>Where the dashboard gets its data from.</summary>
public enum VitalMode
{
    /// <summary>The real upstream (or any server that speaks its contract), with a team API key.</summary>
    Live,

    /// <summary>The embedded simulated Vital team; no key needed.</summary>
    Simulator,
}

/// <summary>How the team is read from the upstream.</summary>
public enum TeamScanMode
{
    /// <summary>
    /// One cursor walk per provider (the upstream's <c>provider</c> filter), several at once, merged by user:
    /// about as long as the largest provider's walk instead of the whole team's.
    /// </summary>
    PerProvider,

    /// <summary>One cursor walk over the whole team, page after page.</summary>
    Sequential,
}

/// <summary>The <c>Vital</c> configuration section.</summary>
public sealed class VitalOptions
{
    public const string SectionName = "Vital";

    /// <summary>The team API key. A secret: never logged, rendered or returned.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Upstream base URL; derived from the key's prefix when not set.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary><c>Simulator</c> when no key is set, else <c>Live</c>.</summary>
    public VitalMode? Mode { get; set; }

    /// <summary>Page size asked of the upstream (an upper bound there).</summary>
    public int UserLimit { get; set; } = 50;

    /// <summary>How long an upstream answer is reused.</summary>
    public int CacheSeconds { get; set; } = 60;

    public VitalResilienceOptions Resilience { get; set; } = new();

    /// <summary>How the dashboard reads the whole team: per provider in parallel (default), or one cursor walk.</summary>
    public TeamScanMode ScanMode { get; set; } = TeamScanMode.PerProvider;

    /// <summary>How many provider scans run at once in <see cref="TeamScanMode.PerProvider"/> mode.</summary>
    public int ScanConcurrency { get; set; } = 8;

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

/// <summary>The <c>Vital:Resilience</c> section: retries, time-outs and the circuit breaker for upstream calls.</summary>
public sealed class VitalResilienceOptions
{
    /// <summary>Retries after the first attempt, on 408, 429, 5xx, time-outs and network errors.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>No single wait is longer, and a <c>Retry-After</c> longer than this is not waited for.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for one call, retries included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Share of failed attempts within <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long calls are refused once the circuit opens, so a struggling upstream gets air.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
