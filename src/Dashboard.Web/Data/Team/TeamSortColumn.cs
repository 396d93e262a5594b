namespace Dashboard.Web.Data.Team;

/// <summary>The columns the team grid sorts on.</summary>
public enum TeamSortColumn
{
    Attention,
    UserId,
    Providers,
    WorstStatus,
    Findings,
    LatestActivity,
    NewestData,
}
