using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// How often one person may make the dashboard ask Vital again past its cache (the user page's Refresh,
/// <c>?refresh=true</c> on the API): <c>Api:ForcedRefreshesPerMinute</c> (default 6) a minute, page and API together.
/// Past that they get the cached answer (the page) or 429 (the API); Vital never hears of it.
/// </summary>
public sealed class ForcedRefreshes(IOptions<ApiOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.ForcedRefreshesPerMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    public int PerMinute => options.Value.ForcedRefreshesPerMinute;

    /// <summary>
    /// Takes one forced refresh for <paramref name="user"/> (a signed-in person, wherever they connect from) or, with
    /// sign-in off, for <paramref name="fallback"/> (the client address, or one page's circuit). False: over the limit.
    /// </summary>
    public bool TryTake(ClaimsPrincipal? user, string fallback)
    {
        using var lease = _limiter.AttemptAcquire(AuditLog.CountedAs(user, fallback));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
