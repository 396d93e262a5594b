using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Providers;

internal static class ProviderFixtures
{
    /// <summary>
    /// Nine users on Oura and one on Fitbit only: failed (1), succeeded (2), stuck in progress for two days (3),
    /// retrying (4), scheduled (5), succeeded with heart rate not pulled (6), unknown "paused" (7), Fitbit only (8),
    /// legacy error (9), nothing pulled but heart rate listed as not pulled (10).
    /// </summary>
    public static UserHistoricalPulls[] Team() =>
    [
        User(1).Pull("oura", "sleep", "failure").Pull("oura", "workouts", "success"),
        User(2).Pull("oura", "sleep", "success"),
        User(3).Pull("oura", "sleep", "in_progress", scheduled: Now.AddDays(-2), started: Now.AddDays(-2)),
        User(4).Pull("oura", "sleep", "retrying", errorDetails: "provider_unavailable"),
        User(5).Pull("oura", "sleep", "scheduled"),
        User(6).Pull("oura", "sleep", "success").NotPulled("oura", "heart_rate"),
        User(7).Pull("oura", "sleep", "paused"),
        User(8).Pull("fitbit", "activity", "failure"),
        User(9).Pull("oura", "sleep", "error"),
        User(10).NotPulled("oura", "heart_rate"),
    ];

    /// <summary>Users per (resource, status) on one provider, counted straight from the upstream answers.</summary>
    public static Dictionary<(string Resource, string Status), int> Expected(IEnumerable<UserHistoricalPulls> users, string provider) =>
        users.SelectMany(u => u.Providers.Where(p => p.Key.Value == provider).SelectMany(p => p.Value.Pulled))
            .GroupBy(p => (p.Key.Value, p.Value.Status.Value))
            .ToDictionary(g => g.Key, g => g.Count());
}
