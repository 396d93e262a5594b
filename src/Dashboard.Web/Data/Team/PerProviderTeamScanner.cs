using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// Reads the team as two cursor walks per provider (the upstream's own <c>provider</c> filter): its pulls and its
/// ongoing data, several walks at once, largest provider first, a provider's two walks side by side; the snapshot
/// merges each user's providers and sources in whatever order their pages come. Cursor paging is sequential, so a
/// plain walk costs pages × round trip; this costs about the largest walk's pages × round trip (ADR 0022). A burst of 429s pauses every walk
/// together (<see cref="RateLimitGate"/>; a lone one only its own retry). A page that keeps failing is asked for again from the same cursor
/// (<see cref="ScanResumer"/>); a walk that runs out of patience stops, the others go on, and the scan ends with
/// a batch naming the gaps.
/// </summary>
/// <remarks>
/// The largest walk decides the scan's length, so it must start at once. After a scan the sizes are known
/// (<see cref="ProviderDiscovery"/>), and after a restart once the stored team is read; before the first scan with
/// nothing stored, nothing is, so the scan first reads a single unfiltered
/// page as a sample of the team, every walk waits for it (at most <see cref="SampleWait"/>), and they start most-sampled
/// first. The sample costs one request and one round trip, and is only an ordering hint: its users come again in their
/// providers' walks, and if it fails the spec's order stays. Walks that started beside it, in the spec's order, held
/// back the largest: 535 ms before its first request at 10,000 users and 150 ms a request, against 163 ms now.
/// </remarks>
internal sealed class PerProviderTeamScanner(
    IVitalIntrospectionClient client,
    ProviderDiscovery discovery,
    IOptions<VitalOptions> options,
    ScanResumer resumer,
    TimeProvider timeProvider) : ITeamScanner
{
    private IReadOnlyList<ProviderSlug> _providers = discovery.ScanList();

    /// <summary>
    /// How long the walks of a first scan wait for the sample's order before they start in the spec's. The sample is one
    /// request, answered in one round trip, or a few with the client's retries; one that takes longer than this (an
    /// upstream in trouble) orders the walks that have not started yet when it comes.
    /// </summary>
    internal static readonly TimeSpan SampleWait = TimeSpan.FromSeconds(2);

    /// <summary>Pages a walk may have read ahead of the merge (<see cref="ScanAsync"/>'s queue holds this many a walk).</summary>
    internal const int PagesWaitingPerWalk = 2;

    public int ScopeCount => _providers.Count;

    public async IAsyncEnumerable<ScanBatch> ScanAsync(
        IProgress<ProviderSlug?> scopeDone,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _providers = discovery.ScanList();
        var pending = new WalkQueue(_providers, options.Value.ScanResources);
        var gaps = new ScanGaps();
        var slots = Math.Max(1, Math.Min(options.Value.ScanConcurrency, pending.Count));
        // Pages read and not yet merged wait here. When the merge is slower than the walks (an upstream that answers at
        // once), a queue of 256 parsed pages lived long enough to reach the oldest generation as garbage: a rescan of
        // 100,000 users peaked at 889 MB resident with it and 720 MB with two a walk (process-scan, ADR 0009). Two a
        // walk keep every walk busy all the same.
        var batches = Channel.CreateBounded<ScanBatch>(new BoundedChannelOptions(PagesWaitingPerWalk * slots) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Before the first scan no size is known: one request samples the team, and every slot waits for its order (at
        // most SampleWait), so the largest walks start first rather than behind the walks the spec happens to list first.
        var sample = discovery.HasSizes ? Task.CompletedTask : SampleAsync(pending, stop.Token);
        var ordered = sample.IsCompleted ? sample : Task.WhenAny(sample, Task.Delay(SampleWait, timeProvider, stop.Token));

        async Task WorkAsync()
        {
            try
            {
                await ordered.ConfigureAwait(false);

                while (pending.TryTake(out var walk))
                {
                    if (walk.Walk == TeamWalk.Pulls)
                    {
                        await foreach (var page in resumer.PullPagesAsync(client, gaps, walk.Provider, stop.Token).ConfigureAwait(false))
                        {
                            await batches.Writer.WriteAsync(new ScanBatch(page.Users, walk.Provider, timeProvider.GetUtcNow()), stop.Token).ConfigureAwait(false);
                        }
                    }
                    else
                    {
                        await foreach (var page in resumer.ResourcePagesAsync(client, gaps, walk.Provider, stop.Token).ConfigureAwait(false))
                        {
                            await batches.Writer.WriteAsync(ScanBatch.OfOngoing(page.Users, walk.Provider, timeProvider.GetUtcNow()), stop.Token).ConfigureAwait(false);
                        }
                    }

                    // A provider is done once both its walks are.
                    if (pending.Finished(walk.Provider))
                    {
                        scopeDone.Report(walk.Provider);
                    }
                }
            }
            catch
            {
                // One walk failed (or the reader left): stop the others.
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        // The sample is one of the tasks: a failure other than the upstream's (which it shrugs off) fails the scan.
        var walks = Task.WhenAll([sample, .. Enumerable.Range(0, slots).Select(_ => Task.Run(WorkAsync, CancellationToken.None))]);
        var completion = walks.ContinueWith(
            t => batches.Writer.TryComplete(FirstFailure(t) ?? (t.IsCanceled ? new OperationCanceledException(stop.Token) : null)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }

            if (!gaps.IsEmpty)
            {
                yield return ScanBatch.OfGaps(gaps.ToList(), timeProvider.GetUtcNow());
            }
        }
        finally
        {
            // The reader stopped (done, failed or abandoned): stop the walks too.
            await stop.CancelAsync().ConfigureAwait(false);
            await completion.ConfigureAwait(false);
        }
    }

    /// <summary>The walk that failed first, not the cancellations it caused in the others.</summary>
    private static Exception? FirstFailure(Task walks) =>
        walks.Exception?.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException)
        ?? walks.Exception?.InnerExceptions.FirstOrDefault();

    private async Task SampleAsync(WalkQueue pending, CancellationToken cancellationToken)
    {
        try
        {
            var page = await client.GetPageAsync(new HistoricalPullPageRequest(), cancellationToken).ConfigureAwait(false);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var user in page.Users)
            {
                foreach (var provider in user.Providers.Keys)
                {
                    seen[provider.Value] = seen.GetValueOrDefault(provider.Value) + 1;
                }
            }

            pending.Prioritize(seen);
        }
        catch (VitalApiException)
        {
            // Only a hint: the walks keep the spec's order, and their own requests meet the trouble if it lasts.
        }
    }

    /// <summary>One cursor walk: a provider's pulls or its ongoing data.</summary>
    private readonly record struct ProviderWalk(ProviderSlug Provider, TeamWalk Walk);

    /// <summary>Walks not started, in the order they will (each provider's pulls, then its ongoing data, side by side),
    /// and how many of each provider's walks are still to end.</summary>
    private sealed class WalkQueue
    {
        private readonly Lock _gate = new();
        private readonly List<ProviderWalk> _pending;
        private readonly Dictionary<ProviderSlug, int> _unfinished;

        public WalkQueue(IReadOnlyList<ProviderSlug> providers, bool withOngoing)
        {
            TeamWalk[] walks = withOngoing ? [TeamWalk.Pulls, TeamWalk.Resources] : [TeamWalk.Pulls];
            var distinct = providers.Distinct().ToList();
            _pending = [.. distinct.SelectMany(p => walks.Select(w => new ProviderWalk(p, w)))];
            _unfinished = distinct.ToDictionary(p => p, _ => walks.Length);
        }

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _pending.Count;
                }
            }
        }

        public bool TryTake(out ProviderWalk walk)
        {
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    walk = default;
                    return false;
                }

                walk = _pending[0];
                _pending.RemoveAt(0);
                return true;
            }
        }

        /// <summary>One of the provider's walks ended; true when it was the last.</summary>
        public bool Finished(ProviderSlug provider)
        {
            lock (_gate)
            {
                return --_unfinished[provider] == 0;
            }
        }

        /// <summary>Most users in the sample first; the rest keep their order (a stable sort).</summary>
        public void Prioritize(IReadOnlyDictionary<string, int> sampled)
        {
            lock (_gate)
            {
                var ordered = _pending.OrderByDescending(w => sampled.GetValueOrDefault(w.Provider.Value)).ToList();
                _pending.Clear();
                _pending.AddRange(ordered);
            }
        }
    }
}
