using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// The plain cursor walk: one page after another, with no filter; then the ongoing data the same way. A page that
/// keeps failing is asked for again from the same cursor (<see cref="ScanResumer"/>) for <c>Vital:ScanPatience</c>.
/// </summary>
internal sealed class SequentialTeamScanner(IVitalIntrospectionClient client, IOptions<VitalOptions> options, ScanResumer resumer, TimeProvider timeProvider) : ITeamScanner
{
    public int ScopeCount => 1;

    public async IAsyncEnumerable<ScanBatch> ScanAsync(
        IProgress<ProviderSlug?> scopeDone,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var gaps = new ScanGaps();
        await foreach (var page in resumer.PullPagesAsync(client, gaps, provider: null, cancellationToken).ConfigureAwait(false))
        {
            yield return new ScanBatch(page.Users, null, timeProvider.GetUtcNow());
        }

        if (options.Value.ScanResources)
        {
            await foreach (var page in resumer.ResourcePagesAsync(client, gaps, provider: null, cancellationToken).ConfigureAwait(false))
            {
                yield return ScanBatch.OfOngoing(page.Users, null, timeProvider.GetUtcNow());
            }
        }

        scopeDone.Report(null);
        if (!gaps.IsEmpty)
        {
            yield return ScanBatch.OfGaps(gaps.ToList(), timeProvider.GetUtcNow());
        }
    }

    /// <summary>
    /// The historical pulls alone: what the discovery walk needs to find providers and users. Not patient: a failed
    /// discovery walk is simply tried again at the next interval.
    /// </summary>
    public async IAsyncEnumerable<ScanBatch> WalkPullsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in client.GetPagesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new ScanBatch(page.Users, null, timeProvider.GetUtcNow());
        }
    }
}
