using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Users;

internal static class UserFixtures
{
    public const string FailedTrace = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    /// <summary>
    /// Oura: sleep succeeded with 20 of 30 days, workouts failed (unexpected_error), heart rate not pulled.
    /// Fitbit: activity in progress. Overall critical; something is in motion.
    /// </summary>
    public static UserHistoricalPulls Typical(string fitbitStatus = "in_progress") => User(1)
        .Pull("oura", "sleep", "success", daysWithData: 20)
        .Pull("oura", "workouts", "failure", errorDetails: "unexpected_error", traceId: FailedTrace)
        .NotPulled("oura", "heart_rate")
        .Pull("fitbit", "activity", fitbitStatus);

    /// <summary>Everything done and fine: nothing in motion.</summary>
    public static UserHistoricalPulls Settled() => User(1)
        .Pull("oura", "sleep", "success")
        .Pull("fitbit", "activity", "success");
}
