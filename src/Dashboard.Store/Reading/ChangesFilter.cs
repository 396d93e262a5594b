namespace Dashboard.Store.Reading;

/// <summary>What <see cref="IHistoryReader.GetProblemChangesAsync"/> returns: problems (warning or critical findings) that changed since a time.</summary>
public sealed record ChangesFilter
{
    public required DateTimeOffset Since { get; init; }

    /// <summary>Provider slugs to keep; empty: all.</summary>
    public IReadOnlyCollection<string> Providers { get; init; } = [];

    /// <summary>Finding codes to keep; empty: all.</summary>
    public IReadOnlyCollection<string> Codes { get; init; } = [];

    public ChangeDirection Direction { get; init; } = ChangeDirection.Both;

    /// <summary>At most this many rows; the result says when there were more.</summary>
    public int Limit { get; init; } = 1000;
}
