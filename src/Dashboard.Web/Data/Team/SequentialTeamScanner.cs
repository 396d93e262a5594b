using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>The plain cursor walk: one page after another, with no filter; then the ongoing data the same way.</summary>
internal sealed class SequentialTeamScanner(IVitalIntrospectionClient client, IOptions<VitalOptions> options, TimeProvider timeProvider) : ITeamScanner
{
    public int ScopeCount => 1;

    public async IAsyncEnumerable<ScanBatch> ScanAsync(
        IProgress<ProviderSlug?> scopeDone,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in WalkPullsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }

        if (options.Value.ScanResources)
        {
            await foreach (var page in client.GetResourcesPagesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                yield return ScanBatch.OfOngoing(page.Users, null, timeProvider.GetUtcNow());
            }
        }

        scopeDone.Report(null);
    }

    /// <summary>The historical pulls alone: what the discovery walk needs to find providers and users.</summary>
    public async IAsyncEnumerable<ScanBatch> WalkPullsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in client.GetPagesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new ScanBatch(page.Users, null, timeProvider.GetUtcNow());
        }
    }
}
