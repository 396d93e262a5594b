using Dashboard.Diagnosis;
using Dashboard.Store.Hosting;
using Dashboard.Store.Reading;
using Dashboard.Web.History;

namespace Dashboard.Web.Components.Pages.Changes;

/// <summary>
/// The state of <c>/changes</c>: problems (warning and critical findings) that appeared or cleared since a time, grouped
/// by provider and finding code, read from the history store. A store that fails gives an error in words, never a
/// blank page; a paused history is said as well (changes after the pause are not recorded yet).
/// </summary>
public sealed class ChangesPageModel(IHistoryReader reader, IHistoryStatus status, TeamScope scope, TimeProvider timeProvider)
{
    /// <summary>At most this many rows on the page; the CSV has more.</summary>
    public const int PageLimit = 500;

    public ChangesQuery Query { get; private set; } = ChangesQuery.Default;

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public DateTimeOffset Since { get; private set; }

    public bool Loading { get; private set; } = true;

    /// <summary>Why the history could not be read, in words; null when it was.</summary>
    public string? Error { get; private set; }

    public bool Truncated { get; private set; }

    /// <summary>Since when history is recorded for this team, when that is after <see cref="Since"/>.</summary>
    public DateTimeOffset? HistoryStartsLater { get; private set; }

    /// <summary>No history at all yet for this team (the first scan has not been recorded).</summary>
    public bool NoHistoryYet { get; private set; }

    public int Appeared { get; private set; }

    public int Cleared { get; private set; }

    public IReadOnlyList<ProviderChanges> Providers { get; private set; } = [];

    public bool IsEmpty => !Loading && Error is null && Providers.Count == 0;

    public IHistoryStatus Status => status;

    public async Task LoadAsync(ChangesQuery query, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        Query = query;
        Problems = problems;
        Since = query.SinceTime(timeProvider.GetUtcNow());
        Loading = true;
        Error = null;
        try
        {
            var result = await reader.GetProblemChangesAsync(scope.Value, query.ToFilter(timeProvider.GetUtcNow(), PageLimit), cancellationToken).ConfigureAwait(false);
            Truncated = result.Truncated;
            NoHistoryYet = result.HistoryStart is null;
            HistoryStartsLater = result.HistoryStart > Since ? result.HistoryStart : null;
            Appeared = result.Changes.Count(c => c.Appeared);
            Cleared = result.Changes.Count - Appeared;
            Providers = Group(result.Changes);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Providers = [];
            Error = $"The history could not be read: {StoreFailure.Describe(ex)}. The other pages work without it; try again in a moment.";
        }
        finally
        {
            Loading = false;
        }
    }

    internal static IReadOnlyList<ProviderChanges> Group(IEnumerable<ProblemChange> changes) =>
        [.. changes
            .GroupBy(c => c.Provider ?? string.Empty, StringComparer.Ordinal)
            .Select(p => new ProviderChanges(
                p.Key.Length == 0 ? null : p.Key,
                [.. p.GroupBy(c => c.Code, StringComparer.Ordinal)
                    .Select(c => new CodeChanges(c.Key, SeverityOf(c.First().Severity), [.. c.OrderByDescending(x => x.SeenAt)]))
                    .OrderByDescending(c => c.Severity).ThenBy(c => c.Code, StringComparer.Ordinal)]))
            .OrderBy(p => p.Provider is null ? 1 : 0)
            .ThenBy(p => p.Provider is null ? string.Empty : ProviderKnowledge.ProviderDisplayName(p.Provider), StringComparer.OrdinalIgnoreCase)];

    /// <summary>The severity as recorded (a code from another version is kept, not refused).</summary>
    private static Severity SeverityOf(string recorded) =>
        Enum.TryParse<Severity>(recorded, ignoreCase: true, out var severity) ? severity : Severity.Warning;
}

/// <summary>One provider's problem changes (<see cref="Provider"/> null: findings about users as a whole).</summary>
public sealed record ProviderChanges(string? Provider, IReadOnlyList<CodeChanges> Codes)
{
    public string Name => Provider is null ? "Whole user (no provider)" : ProviderKnowledge.ProviderDisplayName(Provider);

    public int Appeared => Codes.Sum(c => c.Appeared);

    public int Cleared => Codes.Sum(c => c.Cleared);
}

/// <summary>One finding code's changes within a provider, newest first.</summary>
public sealed record CodeChanges(string Code, Severity Severity, IReadOnlyList<ProblemChange> Rows)
{
    public int Appeared => Rows.Count(r => r.Appeared);

    public int Cleared => Rows.Count - Appeared;
}
