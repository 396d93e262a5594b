namespace Dashboard.Web.Components.Pages.Users;

/// <summary>When a finding was first seen, as far as the history knows.</summary>
public sealed record FindingSeen(FindingSeenKind Kind, DateTimeOffset At);
