using Dashboard.Store.Reading;

namespace Dashboard.Web.Tests.Support;

/// <summary>Answers with canned changes and user histories, or throws what it is told to; remembers the last filter.</summary>
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

    /// <summary>Each user's recorded items; a user not here has none.</summary>
    public Dictionary<string, List<ItemHistory>> Users { get; } = [];

    public bool UserHistoryTruncated { get; set; }

    public int UserHistoryReads { get; private set; }

    public Task<UserHistory> GetUserHistoryAsync(string scope, string userId, int limit, CancellationToken cancellationToken)
    {
        LastScope = scope;
        UserHistoryReads++;
        if (Failure is not null)
        {
            throw Failure;
        }

        return Task.FromResult(new UserHistory(Users.GetValueOrDefault(userId) ?? [], HistoryStart, UserHistoryTruncated));
    }

    /// <summary>What <see cref="GetProviderTrendsAsync"/> answers for each provider; no day and no duration otherwise.</summary>
    public Dictionary<string, ProviderTrends> Trends { get; } = [];

    public DateTimeOffset? LastTrendsSince { get; private set; }

    public Task<ProviderTrends> GetProviderTrendsAsync(string scope, string provider, DateTimeOffset since, CancellationToken cancellationToken)
    {
        LastScope = scope;
        LastTrendsSince = since;
        if (Failure is not null)
        {
            throw Failure;
        }

        return Task.FromResult(Trends.GetValueOrDefault(provider) ?? new ProviderTrends([], [], HistoryStart));
    }

    public Task<StoredTeamState?> LoadLatestStateAsync(string scope, CancellationToken cancellationToken) => Task.FromResult<StoredTeamState?>(null);

    public Task<StoredStateHead?> LatestStateAsync(string scope, CancellationToken cancellationToken) => Task.FromResult<StoredStateHead?>(null);
}
