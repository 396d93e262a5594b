namespace Dashboard.Web.Data.Team;

/// <summary>Which of a scan's two cursor walks: the historical pulls, or the ongoing data (resources).</summary>
public enum TeamWalk
{
    Pulls,
    Resources,
}
