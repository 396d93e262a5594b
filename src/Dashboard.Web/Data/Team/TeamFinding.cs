using Dashboard.Diagnosis;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// One finding of a team user's diagnosis as the snapshot keeps it: its code, severity, provider and resource (pooled
/// strings), without the words the engine writes for a person. What the grid filters on, the history records and the
/// team CSV names per row, so none of them diagnoses the team again.
/// </summary>
public readonly record struct TeamFinding(string Code, Severity Severity, string? Provider, string? Resource)
{
    /// <summary>A diagnosis's findings in its order, their strings from <paramref name="pool"/> when one is given.</summary>
    internal static TeamFinding[] Of(IReadOnlyList<Finding> findings, StringPool? pool)
    {
        if (findings.Count == 0)
        {
            return [];
        }

        var kept = new TeamFinding[findings.Count];
        for (var i = 0; i < kept.Length; i++)
        {
            var f = findings[i];
            kept[i] = pool is null
                ? new TeamFinding(f.Code, f.Severity, f.Provider, f.Resource)
                : new TeamFinding(pool.Intern(f.Code), f.Severity, pool.InternOrNull(f.Provider), pool.InternOrNull(f.Resource));
        }

        return kept;
    }
}
