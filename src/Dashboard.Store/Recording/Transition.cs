namespace Dashboard.Store.Recording;

/// <summary>One change between two team states (<see cref="TeamStateDiff"/>), before it becomes a row.</summary>
public sealed record Transition(string Kind, string UserId, string? Provider, string? Resource, string? Code, string? FromValue, string? ToValue)
{
    public bool Appeared => FromValue is null;

    public bool Cleared => ToValue is null;
}
