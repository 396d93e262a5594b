using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>Users read from one upstream page, and which provider filter (if any) the page was asked with.</summary>
public sealed record ScanBatch(IReadOnlyList<UserHistoricalPulls> Users, ProviderSlug? Scope, DateTimeOffset AsOf);

/// <summary>Reads the whole team from the upstream, page by page.</summary>
public interface ITeamScanner
{
    /// <summary>How many independent parts the scan has (providers for a per-provider scan, 1 for a cursor walk).</summary>
    int ScopeCount { get; }

    IAsyncEnumerable<ScanBatch> ScanAsync(IProgress<ProviderSlug?> scopeDone, CancellationToken cancellationToken);
}

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
