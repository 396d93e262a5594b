using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>The rules about the user as a whole: unknown to Vital, nothing connected, outside the ingestion window, a source unreadable.</summary>
internal static class UserRules
{
    public static Finding NotFound(string userId) => Create(
        FindingCodes.UserNotFound,
        "Vital does not know this user",
        $"Vital knows no user with the id {userId} in the team and environment this dashboard's API key belongs to. The id may be mistyped, or belong to another team or to the other environment (sandbox or production).",
        "Check the id: copy it from your own system rather than from the ticket. If the ticket names your own user id (the client user id), search for it in the team grid's search box, which finds users by either id. If the id is right, check which environment your product uses for this user.",
        FindingEvidence.None);

    public static Finding NoConnections() => Create(
        FindingCodes.NoConnections,
        "No connected source",
        "The user exists in Vital but has no connected provider (they never connected one, or disconnected them all), so no data can arrive.",
        "Ask the user to connect their wearable or health app in your app. A connection made a few minutes ago shows here once Vital has it: refresh then.",
        FindingEvidence.None);

    /// <summary>The ingestion window excludes today (its end is past, or its start is ahead); null when it does not.</summary>
    public static Finding? OutsideIngestionBounds(VitalUser user, DateTimeOffset asOf)
    {
        var today = DateOnly.FromDateTime(asOf.UtcDateTime);
        var ended = user.IngestionEnd is { } end && end < today;
        var notYet = user.IngestionStart is { } start && start > today;
        if (!ended && !notYet)
        {
            return null;
        }

        var window = (Day(user.IngestionStart), Day(user.IngestionEnd)) switch
        {
            ({ } from, { } to) => $"from {from} to {to}",
            (null, { } to) => $"to end on {to}",
            ({ } from, null) => $"to start on {from}",
            _ => "open",
        };
        var what = ended
            ? "Its end is past: Vital drops the user's new data by design, and pauses their connections 7 days after the end."
            : "It has not started yet: Vital drops the user's data until then by design.";
        return Create(
            FindingCodes.OutsideIngestionBounds,
            ended ? "Outside the ingestion window: it ended" : "Outside the ingestion window: not started",
            $"Your product set this user's ingestion window {window}. {what}",
            "If the user should send data now, move the window through Vital's user API; otherwise nothing is wrong.",
            new FindingEvidence { IngestionStart = user.IngestionStart, IngestionEnd = user.IngestionEnd });
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The name a source goes by in the diagnosis JSON's <c>sources</c> and in this finding's evidence.</summary>
    public static Finding SourceUnavailable(string source, string problem)
    {
        var (what, missing) = source switch
        {
            "user" => ("the user", "the user's details (the client user id, the ingestion window)"),
            "connections" => ("the user's connections", "whether each connection works, its errors and the permissions the user denied"),
            "historicalPulls" => ("the historical pulls", "the backfills' statuses and timeline"),
            _ => ("the ongoing data", "how fresh each resource's data is"),
        };
        return Create(
            FindingCodes.SourceUnavailable,
            $"Could not read {what}",
            $"Vital did not answer for {what}: {problem} The rest of this diagnosis was read; what is missing is {missing}.",
            "Try again in a minute (Refresh). If it lasts, check Vital's status page, and read the missing part there or ask Vital support.",
            new FindingEvidence { Source = source, Problem = problem });
    }

    private static Finding Create(string code, string title, string explanation, string action, FindingEvidence evidence) =>
        Finding.Of(code, null, null, title, explanation, action, evidence);
}
