using Dashboard.Store.Model;

namespace Dashboard.Store.Reading;

/// <summary>
/// What the history holds of one item of a user (a pull's status, a connection's status, or a finding): its recorded
/// changes, oldest first, and what follows from them. An item without a change in the history has held its value since
/// before the history starts, and has no <see cref="ItemHistory"/>.
/// </summary>
public sealed record ItemHistory(string Kind, string? Provider, string? Resource, string? Code, IReadOnlyList<ItemChange> Changes)
{
    private ItemChange Last => Changes[^1];

    /// <summary>The value now, as the newest change left it; null when the item cleared (or went away).</summary>
    public string? Current => Last.To;

    /// <summary>Since when <see cref="Current"/> holds.</summary>
    public DateTimeOffset Since => Last.SeenAt;

    /// <summary>The value before <see cref="Current"/>; null when the item appeared with the newest change.</summary>
    public string? Previous => Last.From;

    /// <summary>
    /// How long <see cref="Previous"/> held before it gave way; null when that is not known (it held since before
    /// the history starts, or there was no previous value).
    /// </summary>
    public TimeSpan? PreviousLasted => Changes.Count >= 2 && Last.From is not null ? Last.SeenAt - Changes[^2].SeenAt : null;

    /// <summary>
    /// For an item present now, when it was first seen: the change that made it appear after which it never cleared.
    /// Null when it was there before the history starts (only its value changed since), or when it is not present.
    /// </summary>
    public DateTimeOffset? FirstSeen
    {
        get
        {
            if (Current is null)
            {
                return null;
            }

            for (var i = Changes.Count - 1; i >= 0; i--)
            {
                if (Changes[i].From is null)
                {
                    return Changes[i].SeenAt;
                }
            }

            return null;
        }
    }

    public bool IsPull => Kind == TransitionKind.Pull;

    public bool IsConnection => Kind == TransitionKind.Connection;

    public bool IsFinding => Kind == TransitionKind.Finding;
}
