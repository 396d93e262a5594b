using Dashboard.Diagnosis;
using Dashboard.Store.Hosting;
using Dashboard.Store.Reading;
using Dashboard.Web.History;

namespace Dashboard.Web.Components.Pages.Users;

/// <summary>
/// The user page's memory: each pull's and connection's status changes with their times, and when each open finding
/// was first seen, read from the history store. A store that cannot be read is said in words, and the rest of the
/// page carries on without it.
/// </summary>
public sealed class UserHistoryState(IHistoryReader reader, TeamScope scope)
{
    /// <summary>The newest changes read for one user at most.</summary>
    public const int RowLimit = 1000;

    public string? UserId { get; private set; }

    public bool Loading { get; private set; }

    /// <summary>Why the history could not be read, in words; null when it was.</summary>
    public string? Error { get; private set; }

    public UserHistory? History { get; private set; }

    /// <summary>Nothing is recorded yet for the team: the first complete scan has not been written.</summary>
    public bool NoHistoryYet => History is { HistoryStart: null };

    /// <summary>Status histories of the user's pulls and connections (connections first, as the page reads).</summary>
    public IReadOnlyList<HistoryLine> Lines { get; private set; } = [];

    public async Task LoadAsync(string userId, CancellationToken cancellationToken)
    {
        if (UserId == userId && (History is not null || Loading))
        {
            return;
        }

        UserId = userId;
        Loading = true;
        Error = null;
        History = null;
        Lines = [];
        try
        {
            History = await reader.GetUserHistoryAsync(scope.Value, userId, RowLimit, cancellationToken).ConfigureAwait(false);
            Lines = [.. History.Connections.Concat(History.Pulls).Select(HistoryLine.From)];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            UserId = null;
            throw;
        }
        catch (Exception ex)
        {
            Error = $"The history could not be read: {StoreFailure.Describe(ex)}. Everything else on this page comes from Vital and is current.";
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>What the history says of when <paramref name="finding"/> was first seen; null when it can say nothing.</summary>
    public FindingSeen? SeenFor(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (History is not { HistoryStart: { } start } history)
        {
            return null;
        }

        var item = history.Finding(finding.Code, finding.Provider, finding.Resource);
        return item switch
        {
            { FirstSeen: { } first } => new FindingSeen(FindingSeenKind.FirstSeen, first),
            // Open, and only its severity changed since: it was there when the history starts.
            { Current: not null } => new FindingSeen(FindingSeenKind.BeforeHistory, start),
            // Cleared at the last recorded scan, open again now: the next scan records when.
            not null => null,
            // Never changed as far as the history goes (there since before it starts, or new since the last scan).
            null when !history.Truncated => new FindingSeen(FindingSeenKind.NoChangeRecorded, start),
            _ => null,
        };
    }
}
