using Vital.Introspection;
using static Dashboard.Diagnosis.Tests.TestData;

namespace Dashboard.Diagnosis.Tests;

public class DiagnosisEngineHeadlineTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "6 healthy", "All 6 pulls succeeded" },
        { "1 healthy", "1 pull succeeded" },
        { "empty", "No historical pulls" },
        { "1 failed, 2 retrying", "1 failed pull, 2 retrying" },
        { "2 failed", "2 failed pulls" },
        { "2 retrying", "2 pulls retrying" },
        { "1 retrying, 1 stuck scheduled, 1 stuck in progress", "1 pull retrying, 2 stuck" },
        { "3 not pulled over two providers", "3 resources not pulled" },
        { "2 in progress", "2 pulls in progress" },
        { "1 in progress, 1 low coverage", "1 pull in progress, 1 with low coverage" },
        { "1 failed, 1 in progress", "1 failed pull" },
        { "1 no data, 1 unknown status", "1 pull without data, 1 with an unknown status" },
        { "1 timeline anomaly", "1 timeline anomaly" },
        { "2 low coverage, 2 timeline anomalies", "2 pulls with low coverage, 2 timeline anomalies" },
        { "only not pulled", "No historical pulls, 1 resource not pulled" },
    };

    private static readonly Dictionary<string, Func<UserHistoricalPulls>> Users = new()
    {
        ["6 healthy"] = () => Many(6, _ => Healthy()),
        ["1 healthy"] = () => Many(1, _ => Healthy()),
        ["empty"] = () => UserHistoricalPulls.Empty(UserId),
        ["1 failed, 2 retrying"] = () => Many(3, i => i == 0 ? Failed() : Retrying()),
        ["2 failed"] = () => Many(2, _ => Failed()),
        ["2 retrying"] = () => Many(2, _ => Retrying()),
        ["1 retrying, 1 stuck scheduled, 1 stuck in progress"] = () => Many(3, i => i switch
        {
            0 => Retrying(),
            1 => Scheduled(TimeSpan.FromDays(1)),
            _ => InProgress(TimeSpan.FromDays(2)),
        }),
        ["3 not pulled over two providers"] = () => User()
            .Pulled("oura", "sleep", Healthy()).NotPulled("oura", "hrv", "steps")
            .Pulled("fitbit", "sleep", Healthy()).NotPulled("fitbit", "blood_oxygen")
            .Build(),
        ["2 in progress"] = () => Many(2, i => i == 0 ? Scheduled(TimeSpan.FromMinutes(5)) : InProgress(TimeSpan.FromMinutes(5))),
        ["1 in progress, 1 low coverage"] = () => Many(2, i => i == 0 ? InProgress(TimeSpan.FromMinutes(5)) : Success(3)),
        ["1 failed, 1 in progress"] = () => Many(2, i => i == 0 ? Failed() : InProgress(TimeSpan.FromMinutes(5))),
        ["1 no data, 1 unknown status"] = () => Many(2, i => i == 0 ? Success(0) : Healthy() with { Status = new PullStatus("paused") }),
        ["1 timeline anomaly"] = () => Many(1, _ => Healthy().WithTimeline(AsOf.AddHours(-2), AsOf.AddHours(-1), null)),
        ["2 low coverage, 2 timeline anomalies"] = () => Many(2, _ => Success(3).WithTimeline(AsOf.AddHours(-2), AsOf.AddHours(-1), null)),
        ["only not pulled"] = () => User().NotPulled("oura", "sleep").Build(),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnose_Headline_CountsTheProblemsWorstFirst(string user, string headline)
    {
        // Act
        var diagnosis = Diagnose(Users[user]());

        // Assert
        Assert.Equal(headline, diagnosis.Headline);
    }

    /// <summary>One Oura user with <paramref name="count"/> pulls on made-up resource names r0, r1…</summary>
    private static UserHistoricalPulls Many(int count, Func<int, HistoricalPull> pull)
    {
        var user = User();
        for (var i = 0; i < count; i++)
        {
            user.Pulled("oura", $"r{i}", pull(i));
        }

        return user.Build();
    }
}
