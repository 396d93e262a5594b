using System.Net;
using Microsoft.Extensions.Options;

namespace Vital.Introspection;

/// <summary>
/// Makes every request to the upstream back off together when the key is being throttled: when several of the last
/// answers say "slow down" (429, or 503 with <c>Retry-After</c>), requests that start during the pause they asked for
/// wait for it to end instead of each finding out on its own. A parallel team scan then spends the team's rate limit
/// like one polite client. One per process.
/// </summary>
/// <remarks>
/// One such answer among many good ones is that request's bad luck, not the key's limit: the request that got it
/// honours its <c>Retry-After</c> (the retry waits for it) and the other requests go on. Pausing the whole process for
/// each one would stall every walk of a team scan for a second at a time while the upstream answers the rest. A key
/// that is throttled answers every request alike, so its slow-downs come together: <see cref="BurstThreshold"/> of
/// the last <see cref="Window"/> answers close the gate.
/// </remarks>
public sealed class RateLimitGate(TimeProvider timeProvider, IOptions<VitalOptions> options)
{
    /// <summary>When Vital says 429 without <c>Retry-After</c>, pause this long.</summary>
    public static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(1);

    /// <summary>How many of the latest answers (reads only) the gate looks at.</summary>
    public const int Window = 10;

    /// <summary>How many of the <see cref="Window"/> latest answers must ask to slow down to pause every request.</summary>
    public const int BurstThreshold = 4;

    private readonly Lock _lock = new();

    // The latest answers, oldest overwritten first: when each that asked to slow down asked to be left alone until.
    private readonly DateTimeOffset?[] _recent = new DateTimeOffset?[Window];
    private int _next;
    private long _pausedUntilTicks;

    /// <summary>When the current pause ends (in the past when there is none).</summary>
    public DateTimeOffset PausedUntil => new(Interlocked.Read(ref _pausedUntilTicks), TimeSpan.Zero);

    /// <summary>Waits out the current pause, never longer than half an attempt's time budget.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var wait = PausedUntil - timeProvider.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var cap = options.Value.Resilience.AttemptTimeout / 2;
        return Task.Delay(wait < cap ? wait : cap, timeProvider, cancellationToken);
    }

    /// <summary>Counts an answer, and starts (or extends) a pause when enough of the latest ones asked for one.</summary>
    public void Observe(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var now = timeProvider.GetUtcNow();
        var pause = AskedPause(response, now);
        lock (_lock)
        {
            _recent[_next] = now + pause;
            _next = (_next + 1) % Window;
            if (pause is null || _recent.Count(until => until is not null) < BurstThreshold)
            {
                return;
            }

            // The key is throttled: everyone waits for the longest pause the burst asked for.
            var until = _recent.Max()!.Value.UtcTicks;
            if (until > Interlocked.Read(ref _pausedUntilTicks))
            {
                Interlocked.Exchange(ref _pausedUntilTicks, until);
            }
        }
    }

    /// <summary>The pause an answer asks for (a 429, or a 503 with <c>Retry-After</c>); null for any other answer.</summary>
    private static TimeSpan? AskedPause(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (response.StatusCode != HttpStatusCode.TooManyRequests
            && !(response.StatusCode == HttpStatusCode.ServiceUnavailable && header is not null))
        {
            return null;
        }

        var asked = header is null ? DefaultPause : header.Delta ?? (header.Date - now) ?? DefaultPause;
        return asked > TimeSpan.Zero ? asked : null;
    }
}
