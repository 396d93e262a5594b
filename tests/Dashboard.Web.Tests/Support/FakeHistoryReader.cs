using Dashboard.Store.Reading;

namespace Dashboard.Web.Tests.Components.Pages.Changes;

/// <summary>Answers with canned changes, or throws what it is told to; remembers the last filter.</summary>
internal sealed class FakeHistoryReader : IHistoryReader
{
    public List<ProblemChange> Changes { get; } = [];

    public DateTimeOffset? HistoryStart { get; set; } = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public Exception? Failure { get; set; }

    public ChangesFilter? LastFilter { get; private set; }

    public string? LastScope { get; private set; }

    public Task<ProblemChanges> GetProblemChangesAsync(string scope, ChangesFilter filter, CancellationToken cancellationToken)
    {
        LastScope = scope;
        LastFilter = filter;
        if (Failure is not null)
        {
            throw Failure;
        }

        var rows = Changes.OrderByDescending(c => c.SeenAt).ToList();
        return Task.FromResult(new ProblemChanges([.. rows.Take(filter.Limit)], rows.Count > filter.Limit, HistoryStart));
    }

    public Task<StoredTeamState?> LoadLatestStateAsync(string scope, CancellationToken cancellationToken) => Task.FromResult<StoredTeamState?>(null);
}
