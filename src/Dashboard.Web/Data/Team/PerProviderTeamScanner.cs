using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// Reads the team as one cursor walk per provider (the upstream's own <c>provider</c> filter), several at once,
/// largest first; the snapshot merges each user's providers. Cursor paging is sequential, so a plain walk costs
/// pages × round trip; this costs about the largest provider's pages × round trip. A burst of 429s pauses every walk
/// together (<see cref="RateLimitGate"/>; a lone one only its own retry). A page that keeps failing is asked for again from the same cursor
/// (<see cref="ScanResumer"/>); a walk that runs out of patience stops, the others go on, and the scan ends with
/// a batch naming the gaps.
/// </summary>
/// <remarks>
/// The largest walk decides the scan's length, so it must start at once. After a scan the sizes are known
/// (<see cref="ProviderDiscovery"/>); before the first one nothing is, so one slot first reads a single unfiltered
/// page as a sample of the team and the walks not yet started go most-sampled first. The sample costs one request
/// and is only an ordering hint: its users come again in their providers' walks, and if it fails the spec's order stays.
/// </remarks>
internal sealed class PerProviderTeamScanner(
    IVitalIntrospectionClient client,
    ProviderDiscovery discovery,
    IOptions<VitalOptions> options,
    ScanResumer resumer,
    TimeProvider timeProvider) : ITeamScanner
{
    private IReadOnlyList<ProviderSlug> _providers = discovery.ScanList();

    public int ScopeCount => _providers.Count;

    public async IAsyncEnumerable<ScanBatch> ScanAsync(
        IProgress<ProviderSlug?> scopeDone,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _providers = discovery.ScanList();
        var pending = new WalkQueue(_providers);
        var gaps = new ScanGaps();
        var batches = Channel.CreateBounded<ScanBatch>(new BoundedChannelOptions(256) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task WorkAsync(bool sampleFirst)
        {
            try
            {
                if (sampleFirst)
                {
                    await SampleAsync(pending, stop.Token).ConfigureAwait(false);
                }

                while (pending.TryTake(out var provider))
                {
                    await foreach (var page in resumer.PullPagesAsync(client, gaps, provider, stop.Token).ConfigureAwait(false))
                    {
                        await batches.Writer.WriteAsync(new ScanBatch(page.Users, provider, timeProvider.GetUtcNow()), stop.Token).ConfigureAwait(false);
                    }

                    // The provider's ongoing data after its pulls, so each user's freshness lands beside their pulls.
                    if (options.Value.ScanResources)
                    {
                        await foreach (var page in resumer.ResourcePagesAsync(client, gaps, provider, stop.Token).ConfigureAwait(false))
                        {
                            await batches.Writer.WriteAsync(ScanBatch.OfOngoing(page.Users, provider, timeProvider.GetUtcNow()), stop.Token).ConfigureAwait(false);
                        }
                    }

                    scopeDone.Report(provider);
                }
            }
            catch
            {
                // One walk failed (or the reader left): stop the others.
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        var slots = Math.Max(1, Math.Min(options.Value.ScanConcurrency, _providers.Count));
        var walks = Task.WhenAll(Enumerable.Range(0, slots).Select(slot => Task.Run(() => WorkAsync(sampleFirst: slot == 0 && !discovery.HasSizes), CancellationToken.None)));
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

    /// <summary>Providers whose walk has not started, in the order they will.</summary>
    private sealed class WalkQueue(IReadOnlyList<ProviderSlug> providers)
    {
        private readonly Lock _gate = new();
        private readonly List<ProviderSlug> _pending = [.. providers];

        public bool TryTake(out ProviderSlug provider)
        {
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    provider = default;
                    return false;
                }

                provider = _pending[0];
                _pending.RemoveAt(0);
                return true;
            }
        }

        /// <summary>Most users in the sample first; the rest keep their order (a stable sort).</summary>
        public void Prioritize(IReadOnlyDictionary<string, int> sampled)
        {
            lock (_gate)
            {
                var ordered = _pending.OrderByDescending(p => sampled.GetValueOrDefault(p.Value)).ToList();
                _pending.Clear();
                _pending.AddRange(ordered);
            }
        }
    }
}
