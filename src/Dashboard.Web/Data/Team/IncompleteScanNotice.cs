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

        var scopes = snapshot.Gaps.Select(g => g.Scope).Distinct(StringComparer.Ordinal).ToList();
        var named = scopes.Take(NamedGaps).ToList();
        if (scopes.Count > NamedGaps)
        {
            named.Add($"{TextFormatter.Count(scopes.Count - NamedGaps)} more");
        }

        var kept = snapshot.CarriedOver > 0
            ? $" {TextFormatter.Count(snapshot.CarriedOver, "user is", "users are")} shown as the previous scan saw them."
            : " Users only the unread pages hold are missing.";
        return new IncompleteScanNotice(
            "This team list is incomplete",
            $"Vital kept failing on some pages for longer than the scan's patience (Vital:ScanPatience), so {TextFormatter.List(named)} could not be read to the end.{kept} The next scan tries again.");
    }
}
