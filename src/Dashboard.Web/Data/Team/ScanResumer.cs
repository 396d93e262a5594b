using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// The team scan's cursor walk that survives faults. A page that still fails after the client's own retries (an
/// outage, a rate limit, a time-out, a dropped connection, an HTML or cut-off answer) does not end the walk: it backs
/// off and asks for the same cursor again (cursors are opaque but can be asked for again), for at most
/// <c>Vital:ScanPatience</c> from that page's first failure. Past that the walk stops where it is and records a
/// <see cref="ScanGap"/>; the scan then publishes what it read as an incomplete snapshot. Refusals that asking again
/// cannot change (the key, a 404, a validation error) and an upstream whose cursors go round in a loop still end the
/// scan at once.
/// </summary>
public sealed partial class ScanResumer(IOptions<VitalOptions> options, TimeProvider timeProvider, ILogger<ScanResumer> logger)
{
    /// <summary>
    /// The first wait before asking for a failed page again; each later one doubles, up to <see cref="LongestBackOff"/>.
    /// The client has already retried the page with its own back-off, and every walk of the scan waits on its pages in
    /// turn, so a long first wait here is paid again by every page that fails after the retries: half a second.
    /// </summary>
    internal static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two asks for one page (about a circuit breaker's break).</summary>
    internal static readonly TimeSpan LongestBackOff = TimeSpan.FromSeconds(15);

    /// <summary>A walk waits to ask for a page again (for the metrics: which walk, and the error that made it wait).</summary>
    public event Action<TeamWalk, VitalErrorKind>? Resumed;

    /// <summary>Whether waiting and asking again may help; the rest ends the scan as before.</summary>
    public static bool IsResumable(VitalApiException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.IsTransient || exception.Kind == VitalErrorKind.MalformedResponse;
    }

    /// <summary>
    /// Every page of one walk, following <c>next_cursor</c>: <paramref name="read"/> asks for the page at a cursor
    /// (null: the first). A walk that runs out of patience records its gap in <paramref name="gaps"/> and ends early.
    /// </summary>
    public async IAsyncEnumerable<TPage> WalkAsync<TPage>(
        ScanGaps gaps,
        TeamWalk walk,
        ProviderSlug? provider,
        Func<string?, CancellationToken, Task<TPage>> read,
        Func<TPage, string?> nextCursor,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(nextCursor);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        var pages = 0;
        do
        {
            var (page, gap) = await ReadPatientlyAsync(gaps, walk, provider, pages, cursor, read, cancellationToken).ConfigureAwait(false);
            if (gap is not null)
            {
                gaps.Add(gap);
                LogGaveUp(logger, Label(walk), provider?.Value ?? "(all)", gap.Kind, pages, (long)options.Value.ScanPatience.TotalSeconds);
                yield break;
            }

            pages++;
            yield return page!;

            cursor = VitalIntrospectionClient.NextOrRepeated(nextCursor(page!), seen);
        }
        while (cursor is not null);
    }

    /// <summary>One walk of the historical pulls (of <paramref name="provider"/>, or everyone's), patiently.</summary>
    public IAsyncEnumerable<HistoricalPullPage> PullPagesAsync(IVitalIntrospectionClient client, ScanGaps gaps, ProviderSlug? provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return WalkAsync(
            gaps, TeamWalk.Pulls, provider,
            (cursor, ct) => client.GetPageAsync(new HistoricalPullPageRequest { Provider = provider, NextCursor = cursor }, ct),
            static page => page.NextCursor,
            cancellationToken);
    }

    /// <summary>One walk of the ongoing data (of <paramref name="provider"/>, or everyone's), patiently.</summary>
    public IAsyncEnumerable<ResourcesPage> ResourcePagesAsync(IVitalIntrospectionClient client, ScanGaps gaps, ProviderSlug? provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return WalkAsync(
            gaps, TeamWalk.Resources, provider,
            (cursor, ct) => client.GetResourcesPageAsync(new ResourcesPageRequest { Provider = provider, NextCursor = cursor }, ct),
            static page => page.NextCursor,
            cancellationToken);
    }

    private async Task<(TPage? Page, ScanGap? Gap)> ReadPatientlyAsync<TPage>(
        ScanGaps gaps, TeamWalk walk, ProviderSlug? provider, int pagesRead, string? cursor,
        Func<string?, CancellationToken, Task<TPage>> read, CancellationToken cancellationToken)
    {
        long? stuckSince = null;
        var backOff = FirstBackOff;
        while (true)
        {
            try
            {
                return (await read(cursor, cancellationToken).ConfigureAwait(false), null);
            }
            catch (VitalApiException ex) when (IsResumable(ex))
            {
                stuckSince ??= timeProvider.GetTimestamp();
                var stuck = timeProvider.GetElapsedTime(stuckSince.Value);
                var left = gaps.GaveUp ? TimeSpan.Zero : options.Value.ScanPatience - stuck;
                if (left <= TimeSpan.Zero)
                {
                    return (default, new ScanGap(provider, walk, pagesRead, ex.Kind, ex.Message) { Exception = ex });
                }

                var wait = ex.RetryAfter is { } asked && asked > backOff ? asked : backOff;
                if (wait > left)
                {
                    wait = left;
                }

                LogResuming(logger, Label(walk), provider?.Value ?? "(all)", ex.Kind, pagesRead, (long)wait.TotalMilliseconds, (long)stuck.TotalMilliseconds);
                Resumed?.Invoke(walk, ex.Kind);
                await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
                backOff = backOff * 2 < LongestBackOff ? backOff * 2 : LongestBackOff;
            }
        }
    }

    /// <summary>The walk's fixed word for logs and metrics.</summary>
    public static string Label(TeamWalk walk) => walk == TeamWalk.Pulls ? "pulls" : "resources";

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Team scan: a page of the {Walk} walk of {Provider} failed after the retries ({ErrorKind}) with {PagesRead} pages read; asking for it again in {DelayMs} ms (failing for {StuckMs} ms)")]
    private static partial void LogResuming(ILogger logger, string walk, string provider, VitalErrorKind errorKind, int pagesRead, long delayMs, long stuckMs);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Team scan: gave up on the {Walk} walk of {Provider} ({ErrorKind}) after {PagesRead} pages; Vital:ScanPatience is {PatienceSeconds} s. What was read is published as incomplete")]
    private static partial void LogGaveUp(ILogger logger, string walk, string provider, VitalErrorKind errorKind, int pagesRead, long patienceSeconds);
}
