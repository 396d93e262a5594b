namespace Dashboard.Web.Data.Team;

/// <summary>How far a team scan has come.</summary>
public sealed record ScanProgress(int Pages, int Users, int ScopesDone, int ScopesTotal);
