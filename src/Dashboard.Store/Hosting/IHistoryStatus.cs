namespace Dashboard.Store.Hosting;

/// <summary>
/// Whether history is being kept. When the database is down, full or not migrated, writes stop, pages keep working
/// from memory and the upstream, a banner and <c>/readyz</c> say history is paused, and writes resume on their own.
/// </summary>
public interface IHistoryStatus
{
    bool IsPaused { get; }

    /// <summary>Why, in words for an operator; never a connection string or a password.</summary>
    string? Reason { get; }

    /// <summary>When the current pause began.</summary>
    DateTimeOffset? PausedSince { get; }

    /// <summary>Raised when history pauses or resumes.</summary>
    event Action? Changed;
}
