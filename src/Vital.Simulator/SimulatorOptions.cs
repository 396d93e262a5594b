namespace Vital.Simulator;

/// <summary>The <c>Simulator</c> configuration section: the size and seed of the simulated team, and how it misbehaves.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Users in the team, including users without any historical pull.</summary>
    public int Users { get; set; } = 500;

    /// <summary>Same seed, size and clock: byte-identical answers.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Answer 401 <c>{"detail": "..."}</c> when the <c>x-vital-api-key</c> header is missing. Any non-empty key is accepted.</summary>
    public bool RequireApiKey { get; set; } = true;

    /// <summary>
    /// What <c>next_cursor</c> says when no page follows (the last page, and answers by <c>user_id</c>): null (the
    /// default) or, for instance, <c>"None"</c> as in the spec's own example.
    /// </summary>
    public string? LastPageCursor { get; set; }

    public SimulatorFaultOptions Faults { get; set; } = new();
}

/// <summary>
/// The <c>Simulator:Faults</c> section. All off by default. The exclusive rates (server error, unavailable, rate
/// limit, HTML error page, malformed body, disconnect) are shares of all answers and add up to at most 1;
/// the latency (and a slow answer's extra time) is the least time any answer takes. <see cref="Endpoints"/> narrows all
/// of them to some endpoints.
/// </summary>
public sealed class SimulatorFaultOptions
{
    /// <summary>
    /// The endpoints the faults (latency and slowness included) apply to, by the names of <see cref="SimulatorEndpoints"/>
    /// (<c>historical_pull</c>, <c>resources</c>, <c>user</c>, <c>resolve</c>, <c>providers</c>, <c>refresh</c>);
    /// empty (the default): every request, unknown paths included. In configuration a list:
    /// <c>Simulator:Faults:Endpoints:0=providers</c>; in JSON <c>"endpoints": ["providers"]</c>.
    /// </summary>
    public string[] Endpoints { get; set; } = [];

    /// <summary>
    /// The least time every answer takes, from the request's arrival: a read is built meanwhile, so an upstream that
    /// answers in this time is what the benchmark's floors assume (an answer that takes longer to build is not held
    /// back further); a write (the manual refresh) takes effect once it has passed.
    /// </summary>
    public int LatencyMs { get; set; }

    /// <summary>Share of answers that are 500 <c>{"detail": "Internal Server Error"}</c>.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Share of answers that are 503 <c>{"detail": "..."}</c>.</summary>
    public double UnavailableRate { get; set; }

    /// <summary>Share of answers that are 429 with <c>Retry-After: <see cref="RetryAfterSeconds"/></c>.</summary>
    public double RateLimitRate { get; set; }

    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Share of answers that are 200 with a truncated, invalid JSON body.</summary>
    public double MalformedRate { get; set; }

    /// <summary>Share of answers that are a proxy's 502 page in <c>text/html</c>.</summary>
    public double HtmlErrorRate { get; set; }

    /// <summary>
    /// Share of requests whose connection drops without an answer: the in-process handler throws
    /// <see cref="HttpRequestException"/>, the HTTP host aborts the connection.
    /// </summary>
    public double DisconnectRate { get; set; }

    /// <summary>Share of answers delayed by <see cref="SlowResponseMs"/>, longer than a client's time-out.</summary>
    public double SlowRate { get; set; }

    public int SlowResponseMs { get; set; } = 30_000;
}
