namespace Dashboard.Web.Components.Pages.Users;

/// <summary>What the history says of a finding's start.</summary>
public enum FindingSeenKind
{
    /// <summary>It appeared at <see cref="FindingSeen.At"/>.</summary>
    FirstSeen,

    /// <summary>It was already there when the history starts (<see cref="FindingSeen.At"/>).</summary>
    BeforeHistory,

    /// <summary>No change of it is recorded since the history starts (<see cref="FindingSeen.At"/>).</summary>
    NoChangeRecorded,
}
