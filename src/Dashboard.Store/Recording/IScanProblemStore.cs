namespace Dashboard.Store.Recording;

/// <summary>
/// The last scan per scope that did not end with the whole team (<see cref="Model.ScanProblemRecord"/>): the scanning
/// replica writes it, the others read it to say so. Every call may throw when the database fails.
/// </summary>
public interface IScanProblemStore
{
    /// <summary>Replaces the scope's last problem with <paramref name="problem"/>, unless the stored one ended later.</summary>
    Task WriteAsync(ScanProblem problem, CancellationToken cancellationToken);

    /// <summary>The scope's last problem; null when no scan of it has had one.</summary>
    Task<ScanProblem?> LatestAsync(string scope, CancellationToken cancellationToken);
}
