using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>The plain cursor walk: one page after another, with no filter.</summary>
internal sealed class SequentialTeamScanner(IVitalIntrospectionClient client, TimeProvider timeProvider) : ITeamScanner
{
    public int ScopeCount => 1;

    public async IAsyncEnumerable<ScanBatch> ScanAsync(
        IProgress<ProviderSlug?> scopeDone,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in client.GetPagesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new ScanBatch(page.Users, null, timeProvider.GetUtcNow());
        }

        scopeDone.Report(null);
    }
}
