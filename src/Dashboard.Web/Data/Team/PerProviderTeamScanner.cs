using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// Reads the team as one cursor walk per provider (the upstream's own <c>provider</c> filter), several at once,
/// largest first; the snapshot merges each user's providers. Cursor paging is sequential, so a plain walk costs
/// pages × round trip; this costs about the largest provider's pages × round trip. A 429 pauses every walk
/// together (<see cref="RateLimitGate"/>).
/// </summary>
internal sealed class PerProviderTeamScanner(
    IVitalIntrospectionClient client,
    ProviderDiscovery discovery,
    IOptions<VitalOptions> options,
    TimeProvider timeProvider) : ITeamScanner
{
    private IReadOnlyList<ProviderSlug> _providers = discovery.ScanList();

    public int ScopeCount => _providers.Count;

    public async IAsyncEnumerable<ScanBatch> ScanAsync(
        IProgress<ProviderSlug?> scopeDone,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _providers = discovery.ScanList();
        var batches = Channel.CreateBounded<ScanBatch>(new BoundedChannelOptions(256) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var walks = Parallel.ForEachAsync(
            _providers,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.ScanConcurrency, CancellationToken = stop.Token },
            async (provider, token) =>
            {
                await foreach (var page in client.GetPagesAsync(provider, cancellationToken: token).ConfigureAwait(false))
                {
                    await batches.Writer.WriteAsync(new ScanBatch(page.Users, provider, timeProvider.GetUtcNow()), token).ConfigureAwait(false);
                }

                scopeDone.Report(provider);
            });
        var completion = walks.ContinueWith(
            t => batches.Writer.TryComplete(t.Exception?.InnerException ?? (t.IsCanceled ? new OperationCanceledException(stop.Token) : null)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
        finally
        {
            // The reader stopped (done, failed or abandoned): stop the walks too.
            await stop.CancelAsync().ConfigureAwait(false);
            await completion.ConfigureAwait(false);
        }
    }
}
