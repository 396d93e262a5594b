namespace Vital.Introspection;

/// <summary>The <c>Vital:Resilience</c> section: retries, time-outs and the circuit breaker for upstream calls.</summary>
public sealed class VitalResilienceOptions
{
    /// <summary>Retries after the first attempt, on 408, 429, 5xx, time-outs and network errors.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>
    /// First back-off delay; later ones grow exponentially, with jitter (0.1, 0.2, 0.4 s about). A team scan's cursor
    /// walk waits for each page in turn, so a long first delay multiplies a faulty upstream's cost: from 0.5 s, a 10,000-user
    /// scan with 30% of answers failing took 3.3 times as long as without faults, from 0.1 s 1.9 times (bench/EARLIER.md). A
    /// request told when to come back (<c>Retry-After</c>) waits that long instead.
    /// </summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

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
