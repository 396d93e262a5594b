using System.Runtime.InteropServices;
using Dashboard.Diagnosis;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Data.Team;

public sealed class TeamUserTests
{
    private static TeamUser Create(UserHistoricalPulls user) => TeamUser.Create(user, Engine, Now, new StringPool());

    /// <summary>Every pull as (provider, resource, pull), and every not-pulled list, in a stable order.</summary>
    private static (List<(string, string, HistoricalPull)> Pulls, List<(string, string[])> NotPulled) Flatten(UserHistoricalPulls user) =>
        ([.. user.Providers.SelectMany(p => p.Value.Pulled.Select(r => (p.Key.Value, r.Key.Value, r.Value))).OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2, StringComparer.Ordinal)],
         [.. user.Providers.Select(p => (p.Key.Value, p.Value.NotPulled.Select(r => r.Value).Order(StringComparer.Ordinal).ToArray())).OrderBy(x => x.Item1, StringComparer.Ordinal)]);

    private static void AssertSame(UserHistoricalPulls expected, UserHistoricalPulls actual)
    {
        Assert.Equal(expected.UserId, actual.UserId);
        var (expectedPulls, expectedNotPulled) = Flatten(expected);
        var (actualPulls, actualNotPulled) = Flatten(actual);
        Assert.Equal(expectedPulls, actualPulls);
        Assert.Equal(expectedNotPulled.Select(n => n.Item1), actualNotPulled.Select(n => n.Item1));
        Assert.Equal(expectedNotPulled.Select(n => string.Join(',', n.Item2)), actualNotPulled.Select(n => string.Join(',', n.Item2)));
    }

    [Fact]
    public void ToPulls_EverythingTheUpstreamSent_ComesBackTheSame()
    {
        UserHistoricalPulls user = User(1)
            .Pull("oura", "sleep", "success", traceId: "0123456789abcdef0123456789abcdef", release: "0.0.0-dev.cd0e262")
            .Pull("oura", "workouts", "failure", errorDetails: "unexpected_error", traceId: "NOT-HEX-0123456789ABCDEF-trace!!")
            .Pull("oura", "steps", "retrying", errorDetails: "some_new_reason", traceId: null, release: null)
            .Pull("fitbit", "activity", "scheduled", traceId: string.Empty)
            .Pull("fitbit", "sleep", "paused", noRange: true, daysWithData: 7,
                scheduled: new DateTimeOffset(2026, 3, 4, 13, 0, 0, TimeSpan.FromHours(2)))
            .NotPulled("oura", "heart_rate", "blood_oxygen")
            .NotPulled("whoop", "sleep");

        var roundTrip = Create(user).ToPulls();

        AssertSame(user, roundTrip);
        Assert.Equal(Engine.Diagnose(user, Now), Engine.Diagnose(roundTrip, Now), new DiagnosisComparer());
    }

    [Theory]
    [InlineData("error", "failure")]
    [InlineData("failure", "error")]
    [InlineData("paused", "on_hold")]
    public void WorstStatus_TwoOfEqualRank_TheSameAsTheUserPagesWhicheverComesFirst(string first, string second)
    {
        UserHistoricalPulls user = User(1).Pull("oura", "activity", first).Pull("oura", "sleep", second);

        var row = Create(user);

        Assert.Equal(Engine.Diagnose(user, Now).Providers.Single().WorstStatus, row.WorstStatus);
        Assert.Equal(first is "error" or "failure" ? "failure" : "on_hold", row.WorstStatus?.Value);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("")]
    [InlineData(null)]
    public void TraceId_AnyShape_KeptExactly(string? traceId)
    {
        var user = Create(User(1).Pull("oura", "sleep", "failure", traceId: traceId));

        Assert.Equal(traceId, user.Pulls[0].TraceId);
    }

    [Fact]
    public void Create_Figures_WorstStatusSeverityFindingsActivityAndProviders()
    {
        var user = Create(User(1)
            .Pull("oura", "sleep", "success")
            .Pull("oura", "workouts", "failure")
            .Pull("fitbit", "activity", "retrying", errorDetails: "provider_unavailable")
            .NotPulled("whoop", "sleep"));

        Assert.Equal(["fitbit", "oura", "whoop"], user.Providers);
        Assert.Equal(["fitbit/activity", "oura/sleep", "oura/workouts"], user.Pulls.Select(p => $"{p.Provider}/{p.Resource}"));
        Assert.Equal("failure", user.WorstStatus?.Value);
        Assert.Equal("retrying", user.WorstStatusOf("fitbit")?.Value);
        Assert.Null(user.WorstStatusOf("whoop"));
        Assert.Equal(Severity.Critical, user.Overall);
        Assert.True(user.NeedsAttention);
        Assert.True(user.HasActivePulls);
        Assert.Equal(1, user.CriticalCount);
        Assert.Equal(2, user.WarningCount);
        Assert.True(user.HasFinding(FindingCodes.PullFailed));
        Assert.True(user.HasFinding(FindingCodes.PullRetrying));
        Assert.True(user.HasFinding(FindingCodes.ResourcesNotPulled));
        Assert.False(user.HasFinding(FindingCodes.PullNoData));
        Assert.Equal(new[] { FindingCodes.PullFailed, FindingCodes.PullRetrying, FindingCodes.ResourcesNotPulled }.Order(), user.FindingCodesPresent.Order());
        Assert.Equal(Now.AddMinutes(-5), user.LatestActivity);
        Assert.Equal(3, user.PullCount);
        Assert.Equal("1 failed pull, 1 retrying, 1 resource not pulled", user.Headline);
    }

    [Fact]
    public void Create_NoPulls_NoWorstStatusNoActivity()
    {
        var user = Create(UserHistoricalPulls.Empty(Id(1)));

        Assert.Null(user.WorstStatus?.Value);
        Assert.Null(user.LatestActivity);
        Assert.False(user.HasActivePulls);
        Assert.True(user.HasFinding(FindingCodes.NoPullData));
        Assert.Empty(user.ToPulls().Providers);
    }

    [Fact]
    public void Create_UnknownStatus_RanksJustBelowFailure()
    {
        var user = Create(User(1).Pull("oura", "sleep", "retrying").Pull("oura", "steps", "paused"));

        Assert.Equal("paused", user.WorstStatus?.Value);
        Assert.False(Create(User(2).Pull("oura", "sleep", "paused")).HasActivePulls);
    }

    [Fact]
    public void Create_RepeatedText_PooledOnce()
    {
        var pool = new StringPool();
        var a = TeamUser.Create(User(1).Pull("oura", "sleep", "success"), Engine, Now, pool);
        var b = TeamUser.Create(User(2).Pull(new string("oura".ToCharArray()), new string("sleep".ToCharArray()), "success"), Engine, Now, pool);

        Assert.Same(a.Pulls[0].Provider, b.Pulls[0].Provider);
        Assert.Same(a.Pulls[0].Resource, b.Pulls[0].Resource);
        Assert.Same(a.Headline, b.Headline);
    }

    [Fact]
    public void Create_TheSameProviders_OneSharedList()
    {
        var pool = new StringPool();
        var a = TeamUser.Create(User(1).Pull("oura", "sleep", "success").NotPulled("whoop", "sleep"), Engine, Now, pool);
        var b = TeamUser.Create(User(2).Pull("oura", "steps", "failure").NotPulled("whoop", "sleep"), Engine, Now, pool);
        var c = TeamUser.Create(User(3).Pull("oura", "sleep", "success"), Engine, Now, pool);

        // Shared arrays, read-only to every caller (ImmutableArray): one user cannot change another's providers.
        Assert.Same(ImmutableCollectionsMarshal.AsArray(a.Providers), ImmutableCollectionsMarshal.AsArray(b.Providers));
        Assert.Same(a.PullProviders, b.PullProviders);
        Assert.Equal(["oura", "whoop"], b.Providers);
        Assert.Equal(["oura"], c.Providers);
        Assert.NotSame(ImmutableCollectionsMarshal.AsArray(a.Providers), ImmutableCollectionsMarshal.AsArray(c.Providers));
    }

    [Fact]
    public void Findings_TheDiagnosisFindings_InItsOrder_BuiltAtOnceMergedAndDiagnosedLater()
    {
        var pool = new StringPool();
        var ongoing = new OngoingBuilder(Id(1)).Resource("withings", "weight", null, attempt: "failure").Build();
        var atOnce = TeamUser.Create(User(1).Pull("oura", "sleep", "failure", errorDetails: "provider_credential_error").Pull("oura", "workouts", "success").NotPulled("oura", "hrv"), Engine, Now, pool);
        var merged = atOnce
            .MergeWith(User(1).Pull("fitbit", "activity", "retrying", errorDetails: "rate_limited"), Engine, Now.AddMinutes(1), pool)
            .WithOngoing(ongoing, Engine, Now, pool);
        var later = TeamUser.Create(User(2).Pull("garmin", "sleep", "failure").Pull("garmin", "activity", "in_progress"), Engine, Now, pool, diagnose: false);

        Assert.Empty(later.Findings);
        later.Diagnose(Engine, pool);

        foreach (var user in new[] { atOnce, merged, later })
        {
            var expected = Engine.Diagnose(user.ToSources(), user.AsOf).Findings.Select(f => new TeamFinding(f.Code, f.Severity, f.Provider, f.Resource));
            Assert.Equal(expected, user.Findings);
        }

        Assert.Contains(merged.Findings, f => f is { Code: FindingCodes.PullRetrying, Provider: "fitbit", Resource: "activity" });
        Assert.Contains(merged.Findings, f => f.Provider == "withings");
        Assert.Equal(Severity.Critical, merged.Findings[0].Severity);
    }

    [Fact]
    public void MergeWith_AnotherProvidersPage_BothProvidersAndTheEarlierAsOf()
    {
        var pool = new StringPool();
        var first = TeamUser.Create(User(1).Pull("oura", "sleep", "success"), Engine, Now, pool);

        var merged = first.MergeWith(User(1).Pull("fitbit", "activity", "failure"), Engine, Now.AddMinutes(1), pool);

        Assert.Equal(["fitbit", "oura"], merged.Providers);
        Assert.Equal("failure", merged.WorstStatus?.Value);
        Assert.Equal(Now, merged.AsOf);
        Assert.Equal(Severity.Critical, merged.Overall);
    }

    [Fact]
    public void MergeWith_TheSameProviderAgain_TheLaterAnswerWins()
    {
        var pool = new StringPool();
        var first = TeamUser.Create(User(1).Pull("oura", "sleep", "in_progress"), Engine, Now, pool);

        var merged = first.MergeWith(User(1).Pull("oura", "sleep", "success"), Engine, Now.AddMinutes(-1), pool);

        Assert.Equal("success", Assert.Single(merged.Pulls).Status.Value);
        Assert.Equal(Now.AddMinutes(-1), merged.AsOf);
    }

    /// <summary>Two diagnoses say the same thing: findings, severity, headline, per-pull figures.</summary>
    private sealed class DiagnosisComparer : IEqualityComparer<UserDiagnosis>
    {
        public bool Equals(UserDiagnosis? x, UserDiagnosis? y) =>
            x is not null && y is not null
            && x.Overall == y.Overall
            && x.Headline == y.Headline
            && x.Findings.Select(f => (f.Code, f.Provider, f.Resource, f.Title, f.Explanation, f.Action)).SequenceEqual(y.Findings.Select(f => (f.Code, f.Provider, f.Resource, f.Title, f.Explanation, f.Action)))
            && x.Providers.SelectMany(p => p.Resources).SequenceEqual(y.Providers.SelectMany(p => p.Resources), ResourceComparer.Instance);

        public int GetHashCode(UserDiagnosis obj) => obj.Headline.GetHashCode(StringComparison.Ordinal);
    }

    private sealed class ResourceComparer : IEqualityComparer<ResourceDiagnosis>
    {
        public static ResourceComparer Instance { get; } = new();

        public bool Equals(ResourceDiagnosis? x, ResourceDiagnosis? y) =>
            x is not null && y is not null
            && (x.Resource, x.Status, x.RangeStart, x.RangeEnd, x.DaysWithData, x.ScheduledAt, x.StartedAt, x.EndedAt, x.Release, x.TraceId, x.ErrorDetails)
                == (y.Resource, y.Status, y.RangeStart, y.RangeEnd, y.DaysWithData, y.ScheduledAt, y.StartedAt, y.EndedAt, y.Release, y.TraceId, y.ErrorDetails);

        public int GetHashCode(ResourceDiagnosis obj) => obj.Resource.GetHashCode(StringComparison.Ordinal);
    }
}
