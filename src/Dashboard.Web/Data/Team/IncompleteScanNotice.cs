using Dashboard.Diagnosis;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// What every page showing team data says about an incomplete snapshot, worded once: which walks could not be read,
/// what was kept from the previous scan, and that the next scan tries again. Null for a whole snapshot.
/// </summary>
public sealed record IncompleteScanNotice(string Title, string Message)
{
    /// <summary>How many unread walks are named before "and N more".</summary>
    private const int NamedGaps = 5;

    public static IncompleteScanNotice? Of(TeamSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.IsIncomplete)
        {
            return null;
        }

        var kept = snapshot.CarriedOver > 0
            ? $" {TextFormatter.Count(snapshot.CarriedOver, "user is", "users are")} shown as the previous scan saw them."
            : " Users only the unread pages hold are missing.";
        return new IncompleteScanNotice(
            "This team list is incomplete",
            $"Vital kept failing on some pages for longer than the scan's patience (Vital:ScanPatience), so {Unread(snapshot)} could not be read to the end.{kept} The next scan tries again.");
    }

    /// <summary>
    /// What another replica says of an incomplete scan of the scanning one (ADR 0017), after "The last refresh failed,
    /// so this is the earlier list.": the team it shows is the last whole one.
    /// </summary>
    public static string? ForOtherReplicas(TeamSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.IsIncomplete
            ? $"The newest scan could not read the whole team: Vital kept failing on {Unread(snapshot)} for longer than the scan's patience (Vital:ScanPatience). The next scan tries again."
            : null;
    }

    /// <summary>The walks the scan could not read to the end, the first few by name.</summary>
    private static string Unread(TeamSnapshot snapshot)
    {
        var scopes = snapshot.Gaps.Select(g => g.Scope).Distinct(StringComparer.Ordinal).ToList();
        var named = scopes.Take(NamedGaps).ToList();
        if (scopes.Count > NamedGaps)
        {
            named.Add($"{TextFormatter.Count(scopes.Count - NamedGaps)} more");
        }

        return TextFormatter.List(named);
    }
}
