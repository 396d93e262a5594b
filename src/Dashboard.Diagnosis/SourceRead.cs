namespace Dashboard.Diagnosis;

/// <summary>What reading one source gave: its value, "no such user", or trouble in words.</summary>
public readonly record struct SourceRead<T>
    where T : class
{
    private SourceRead(SourceState state, T? value, string? problem)
    {
        State = state;
        Value = value;
        Problem = problem;
    }

    public SourceState State { get; }

    /// <summary>The value when <see cref="State"/> is <see cref="SourceState.Ok"/>.</summary>
    public T? Value { get; }

    /// <summary>What went wrong, in words, when <see cref="State"/> is <see cref="SourceState.Unavailable"/>.</summary>
    public string? Problem { get; }

    public bool IsOk => State == SourceState.Ok;

    public static SourceRead<T> Ok(T value) => new(SourceState.Ok, value ?? throw new ArgumentNullException(nameof(value)), null);

    public static SourceRead<T> NotFound { get; } = new(SourceState.NotFound, null, null);

    public static SourceRead<T> NotRead { get; } = new(SourceState.NotRead, null, null);

    public static SourceRead<T> Unavailable(string problem) => new(SourceState.Unavailable, null, problem);

    /// <summary>The value when read, or null for "no such user" (the client's way of saying it).</summary>
    public static SourceRead<T> Found(T? value) => value is null ? NotFound : Ok(value);
}
