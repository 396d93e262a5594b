using Dashboard.Diagnosis;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Support;

/// <summary>Canned upstream answers (<see cref="Vital.Introspection"/> models) around a fixed noon.</summary>
internal static class TestPulls
{
    /// <summary>2026-03-04 12:00:00 UTC: "now" for every page test.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    public static DiagnosisEngine Engine { get; } = new(new DiagnosisOptions());

    /// <summary>A valid user id that sorts by <paramref name="n"/>: 00000000-0000-4000-8000-000000000007.</summary>
    public static string Id(int n) => $"00000000-0000-4000-8000-{n:000000000000}";

    public static UserBuilder User(string userId) => new(userId);

    public static UserBuilder User(int n) => new(Id(n));

    public static OngoingBuilder Ongoing(int n) => new(Id(n));

    public static UserDiagnosis Diagnose(UserHistoricalPulls user, DateTimeOffset? asOf = null) => Engine.Diagnose(user, asOf ?? Now);
}
