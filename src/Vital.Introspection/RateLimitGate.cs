using System.Net;
using Microsoft.Extensions.Options;

namespace Vital.Introspection;

/// <summary>
/// Makes every request to the upstream back off together: when one answer says "slow down" (429, or 503 with
/// <c>Retry-After</c>), requests that start during the pause wait for it to end instead of each finding out on
/// its own. A parallel team scan then spends the team's rate limit like one polite client. One per process.
/// </summary>
public sealed class RateLimitGate(TimeProvider timeProvider, IOptions<VitalOptions> options)
{
    /// <summary>When Vital says 429 without <c>Retry-After</c>, pause this long.</summary>
    public static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(1);

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

    /// <summary>Starts (or extends) a pause when the answer asks for one.</summary>
    public void Observe(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != HttpStatusCode.TooManyRequests
            && !(response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null))
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var header = response.Headers.RetryAfter;
        var retryAfter = header is null ? DefaultPause : header.Delta ?? (header.Date - now) ?? DefaultPause;
        if (retryAfter <= TimeSpan.Zero)
        {
            return;
        }

        var until = (now + retryAfter).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _pausedUntilTicks);
            if (current >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _pausedUntilTicks, until, current) != current);
    }
}
