using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>Reads the whole team from the upstream, page by page.</summary>
public interface ITeamScanner
{
    /// <summary>How many independent parts the scan has (providers for a per-provider scan, 1 for a cursor walk).</summary>
    int ScopeCount { get; }

    IAsyncEnumerable<ScanBatch> ScanAsync(IProgress<ProviderSlug?> scopeDone, CancellationToken cancellationToken);
}
