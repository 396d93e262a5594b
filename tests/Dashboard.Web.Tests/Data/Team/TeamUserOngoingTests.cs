using Dashboard.Diagnosis;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Data.Team;

/// <summary>A team user with the ongoing data the resources walk read: newest data, stale resources, and the diagnosis over both.</summary>
public sealed class TeamUserOngoingTests
{
    private static TeamUser One(UserBuilder pulls, OngoingBuilder? ongoing = null)
    {
        var snapshot = ongoing is null ? TestSnapshots.Complete(pulls.Build()) : TestSnapshots.Complete([pulls.Build()], [ongoing.Build()]);
        return Assert.Single(snapshot.Users);
    }

    [Fact]
    public void Create_PullsOnly_FreshnessUnknownNotNone()
    {
        var user = One(User(1).Pull("oura", "sleep", "success"));

        Assert.False(user.OngoingRead);
        Assert.Null(user.NewestData);
        Assert.False(user.IsStale);
        Assert.Empty(user.Ongoing);
    }

    [Fact]
    public void OngoingBeforePulls_TheUserEndsAsWhenThePullsCameFirst()
    {
        // A provider's two walks run side by side (ADR 0022): either may bring a user first.
        var pool = new StringPool();
        var pulls = User(1).Pull("oura", "sleep", "success").Pull("oura", "heartrate", "failure").Build();
        var ongoing = Ongoing(1).Resource("oura", "sleep", TimeSpan.FromDays(4)).Resource("oura", "heartrate", TimeSpan.FromHours(2), "failure").Build();

        var pullsFirst = TeamUser.Create(pulls, Engine, Now, pool).WithOngoing(ongoing, Engine, Now, pool);
        var ongoingFirst = TeamUser.FromOngoing(ongoing, Engine, Now, pool).MergeWith(pulls, Engine, Now, pool);

        Assert.Equal(2, ongoingFirst.PullCount);
        Assert.True(ongoingFirst.OngoingRead);
        Assert.Equal(pullsFirst.Pulls.Select(p => (p.Provider, p.Resource, p.Status)), ongoingFirst.Pulls.Select(p => (p.Provider, p.Resource, p.Status)));
        Assert.Equal(pullsFirst.Ongoing.Select(o => (o.Resource, o.Stale)), ongoingFirst.Ongoing.Select(o => (o.Resource, o.Stale)));
        Assert.Equal(pullsFirst.NewestData, ongoingFirst.NewestData);
        Assert.Equal(pullsFirst.IsStale, ongoingFirst.IsStale);
        Assert.Equal(pullsFirst.Overall, ongoingFirst.Overall);
        Assert.Equal(pullsFirst.FindingCodesPresent, ongoingFirst.FindingCodesPresent);
    }

    [Fact]
    public void WithOngoing_NewestDataIsTheLatestOverEveryResource()
    {
        var user = One(User(1).Pull("oura", "sleep", "success"), Ongoing(1).Resource("oura", "sleep", TimeSpan.FromHours(5)).Resource("oura", "heartrate", TimeSpan.FromHours(2)));

        Assert.True(user.OngoingRead);
        Assert.Equal(Now.AddHours(-2), user.NewestData);
        Assert.Equal(["heartrate", "sleep"], user.Ongoing.Select(o => o.Resource));
        Assert.False(user.IsStale);
        Assert.Equal(Severity.Ok, user.Overall);
    }

    [Fact]
    public void WithOngoing_DataOlderThanTheLimitBehindASuccessfulPull_IsStale()
    {
        var user = One(User(1).Pull("oura", "sleep", "success"), Ongoing(1).Resource("oura", "sleep", TimeSpan.FromDays(4)));

        Assert.True(user.IsStale);
        Assert.True(Assert.Single(user.Ongoing).Stale);
    }

    [Fact]
    public void WithOngoing_OldDataBehindAFailedPull_IsLeftToThePullNotStale()
    {
        var user = One(User(1).Pull("oura", "sleep", "failure"), Ongoing(1).Resource("oura", "sleep", TimeSpan.FromDays(4)));

        Assert.False(user.IsStale);
        Assert.True(user.HasFinding(FindingCodes.PullFailed));
    }

    [Fact]
    public void WithOngoing_FailedLastAttempt_IsAFindingBeyondTheSixteenthCode()
    {
        var user = One(User(1).Pull("oura", "sleep", "success"), Ongoing(1).Resource("oura", "sleep", TimeSpan.FromHours(3), attempt: "failure"));

        Assert.True(FindingCodes.All.ToList().IndexOf(FindingCodes.LastAttemptFailed) >= 16);
        Assert.True(user.HasFinding(FindingCodes.LastAttemptFailed));
        Assert.Equal([FindingCodes.LastAttemptFailed], user.FindingCodesPresent);
        Assert.True(user.NeedsAttention);
    }

    [Fact]
    public void FromOngoing_UserWithoutPulls_ListedWithItsProvidersAndNoPullData()
    {
        var snapshot = TestSnapshots.Complete([], [Ongoing(1).Resource("fitbit", "steps", null).Build()]);

        var user = Assert.Single(snapshot.Users);
        Assert.Equal(["fitbit"], user.Providers);
        Assert.Equal(0, user.PullCount);
        Assert.Empty(user.ToPulls().Providers);
        Assert.True(user.HasFinding(FindingCodes.NoPullData));
        Assert.Null(user.NewestData);
    }

    [Fact]
    public void MergeWith_APullThatSucceedsLater_ReadsItsOldDataStaleAgain_AsAUserBuiltAtOnce()
    {
        // The merge keeps the ongoing data compact and applies the stale rule again against the new pulls, at the
        // earlier of the two times: what building the user from everything at once finds.
        var pool = new StringPool();
        var ongoing = Ongoing(1).Resource("oura", "sleep", TimeSpan.FromDays(4)).Resource("fitbit", "steps", TimeSpan.FromDays(4)).Build();
        var failed = TeamUser.Create(User(1).Pull("oura", "sleep", "failure").Pull("fitbit", "steps", "success").Build(), Engine, Now, pool)
            .WithOngoing(ongoing, Engine, Now, pool);
        Assert.Equal([("fitbit", true), ("oura", false)], failed.Ongoing.Select(o => (o.Provider, o.Stale)));

        var later = failed.MergeWith(User(1).Pull("oura", "sleep", "success").Build(), Engine, Now.AddMinutes(5), pool);
        var atOnce = TeamUser.Create(User(1).Pull("oura", "sleep", "success").Pull("fitbit", "steps", "success").Build(), Engine, Now, pool)
            .WithOngoing(ongoing, Engine, Now, pool);

        Assert.Equal([("fitbit", true), ("oura", true)], later.Ongoing.Select(o => (o.Provider, o.Stale)));
        Assert.Equal(atOnce.Ongoing, later.Ongoing);
        Assert.Equal(atOnce.Pulls, later.Pulls);
        Assert.Equal(atOnce.Providers, later.Providers);
        Assert.Equal(atOnce.PullProviders, later.PullProviders);
        Assert.Equal((atOnce.Overall, atOnce.Headline, atOnce.FindingMask), (later.Overall, later.Headline, later.FindingMask));
        Assert.Equal(Now, later.AsOf);
    }

    [Fact]
    public void MergeWith_NoStaleFlagChanges_KeepsTheOngoingArray_OneThatChangesGetsACopy()
    {
        // A rescan's user read ongoing-first keeps one array through the merges instead of leaving a copy behind.
        var pool = new StringPool();
        var ongoing = Ongoing(1).Resource("oura", "sleep", TimeSpan.FromDays(4)).Build();
        var first = TeamUser.FromOngoing(ongoing, Engine, Now, pool);
        Assert.True(Assert.Single(first.Ongoing).Stale);

        var same = first.MergeWith(User(1).Pull("oura", "sleep", "success").Build(), Engine, Now, pool);
        var changed = first.MergeWith(User(1).Pull("oura", "sleep", "failure").Build(), Engine, Now, pool);

        Assert.Same(Array(first), Array(same));
        Assert.NotSame(Array(first), Array(changed));
        Assert.False(Assert.Single(changed.Ongoing).Stale);
        Assert.True(Assert.Single(first.Ongoing).Stale);

        static CompactFreshness[] Array(TeamUser user) => System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(user.Ongoing)!;
    }

    [Fact]
    public void WithOngoing_AnotherProvidersPage_KeepsTheFirstProvidersDataAndReplacesOnlyItsOwn()
    {
        var pool = new StringPool();
        var user = TeamUser.Create(User(1).Pull("oura", "sleep", "success").Pull("fitbit", "steps", "success").Build(), Engine, Now, pool)
            .WithOngoing(Ongoing(1).Resource("oura", "sleep", TimeSpan.FromHours(2)).Build(), Engine, Now, pool);

        var more = user.WithOngoing(Ongoing(1).Resource("fitbit", "steps", TimeSpan.FromDays(4)).Build(), Engine, Now, pool);
        var again = more.WithOngoing(Ongoing(1).Resource("fitbit", "steps", TimeSpan.FromHours(1)).Build(), Engine, Now, pool);

        Assert.Equal([("fitbit", "steps", true), ("oura", "sleep", false)], more.Ongoing.Select(o => (o.Provider, o.Resource, o.Stale)));
        Assert.Equal([("fitbit", "steps", false), ("oura", "sleep", false)], again.Ongoing.Select(o => (o.Provider, o.Resource, o.Stale)));
        Assert.Equal(Now.AddHours(-1), again.NewestData);
        Assert.True(more.IsStale);
        Assert.False(again.IsStale);
    }

    [Fact]
    public void Merges_KeepAProviderListedWithNoResources_AsAUserBuiltAtOnce()
    {
        // The resources introspection may list a provider with nothing under it yet; a later page of another
        // provider, pulls or ongoing data, must not drop it from the user's providers.
        var pool = new StringPool();
        var pulls = User(1).Pull("oura", "sleep", "success").Build();
        var listed = Ongoing(1).Provider("garmin").Build();

        var ongoingFirst = TeamUser.FromOngoing(listed, Engine, Now, pool).MergeWith(pulls, Engine, Now, pool);
        var atOnce = TeamUser.Create(pulls, Engine, Now, pool).WithOngoing(listed, Engine, Now, pool);
        var anotherPage = atOnce.WithOngoing(Ongoing(1).Resource("oura", "sleep", TimeSpan.FromHours(2)).Build(), Engine, Now, pool);

        Assert.Equal(["garmin", "oura"], atOnce.Providers);
        Assert.Equal(atOnce.Providers, ongoingFirst.Providers);
        Assert.Equal(["garmin", "oura"], anotherPage.Providers);
        Assert.Equal((atOnce.Overall, atOnce.FindingMask), (ongoingFirst.Overall, ongoingFirst.FindingMask));
    }

    [Fact]
    public void MergeWith_MorePullsAfterTheOngoingData_KeepsTheOngoingData()
    {
        var snapshot = TestSnapshots.Complete([User(1).Pull("oura", "sleep", "success").Build()], [Ongoing(1).Resource("oura", "sleep", TimeSpan.FromDays(5)).Build()]);
        var user = Assert.Single(snapshot.Users);

        var merged = user.MergeWith(User(1).Pull("fitbit", "sleep", "success").Build(), Engine, Now, new StringPool());

        Assert.Equal(["fitbit", "oura"], merged.Providers);
        Assert.True(merged.IsStale);
        Assert.Single(merged.Ongoing);
    }

    [Fact]
    public void ToSources_RoundTripsThePullsAndTheOngoingData()
    {
        var user = One(User(1).Pull("oura", "sleep", "success").NotPulled("oura", "hrv"), Ongoing(1).Resource("oura", "sleep", TimeSpan.FromHours(4), attempt: "failure"));

        var sources = user.ToSources();

        var diagnosis = Engine.Diagnose(sources, Now);
        Assert.Equal(user.Overall, diagnosis.Overall);
        Assert.Equal(user.Headline, diagnosis.Headline);
        Assert.Equal(Now.AddHours(-4), diagnosis.Providers[0].Resources.Single(r => r.Resource == "sleep").Freshness!.NewestData);
        Assert.Equal(["hrv"], diagnosis.Providers[0].NotPulled);
    }

    [Fact]
    public void ToSources_SeveralProvidersEach_EveryPullNotPulledAndOngoingResourceComesBack()
    {
        var pulls = User(1)
            .Pull("oura", "sleep", "success").Pull("oura", "activity", "failure", errorDetails: "provider_credential_error").NotPulled("oura", "hrv")
            .Pull("garmin", "workouts", "in_progress").NotPulled("fitbit", "sleep");
        var ongoing = Ongoing(1).Resource("oura", "sleep", TimeSpan.FromHours(4)).Resource("withings", "weight", TimeSpan.FromDays(3), attempt: "failure")
            .Resource("oura", "activity", TimeSpan.FromDays(2)).Resource("withings", "blood_pressure", null);
        var user = One(pulls, ongoing);

        var sources = user.ToSources();

        var back = sources.Pulls.Value!;
        Assert.Equal(["fitbit", "garmin", "oura"], back.Providers.Keys.Select(k => k.Value).Order(StringComparer.Ordinal));
        Assert.Equal(["activity", "sleep"], back.Providers[new("oura")].Pulled.Keys.Select(k => k.Value).Order(StringComparer.Ordinal));
        Assert.Equal("provider_credential_error", back.Providers[new("oura")].Pulled[new("activity")].ErrorDetails?.Value);
        Assert.Equal(["hrv"], back.Providers[new("oura")].NotPulled.Select(r => r.Value));
        Assert.Empty(back.Providers[new("fitbit")].Pulled);
        Assert.Equal(["sleep"], back.Providers[new("fitbit")].NotPulled.Select(r => r.Value));
        Assert.Equal("in_progress", back.Providers[new("garmin")].Pulled[new("workouts")].Status.Value);
        var resources = sources.Resources.Value!;
        Assert.Equal(["oura", "withings"], resources.Providers.Keys.Select(k => k.Value).Order(StringComparer.Ordinal));
        Assert.Equal(["activity", "sleep"], resources.Providers[new("oura")].Keys.Select(k => k.Value).Order(StringComparer.Ordinal));
        Assert.Equal(Now.AddDays(-3), resources.Providers[new("withings")][new("weight")].NewestData);
        Assert.Equal("failure", resources.Providers[new("withings")][new("weight")].LastAttempt?.Status.Value);
        Assert.Null(resources.Providers[new("withings")][new("blood_pressure")].NewestData);
    }
}
