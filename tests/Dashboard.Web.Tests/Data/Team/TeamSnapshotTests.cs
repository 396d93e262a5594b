using Dashboard.Web.Data.Team;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Data.Team;

public sealed class TeamSnapshotTests
{
    private readonly StringPool _pool = new();

    private TeamUser Member(int n, string status = "success", string provider = "oura") =>
        TeamUser.Create(User(n).Pull(provider, "sleep", status), Engine, Now, _pool);

    [Fact]
    public void New_Empty_NotCompleteAndVersionZero()
    {
        var snapshot = new TeamSnapshot(1, Now);

        Assert.Equal(0, snapshot.Count);
        Assert.Empty(snapshot.Users);
        Assert.False(snapshot.IsComplete);
        Assert.True(snapshot.HasStarted);
        Assert.False(TeamSnapshot.NotStarted.HasStarted);
        Assert.Equal(0, snapshot.Version);
    }

    [Fact]
    public void Upsert_RescanBesideTheShownTeam_UnchangedUsersShareItsArraysChangedOnesKeepTheirOwn_AllShareTheirIds()
    {
        var shown = new TeamSnapshot(1, Now);
        shown.Upsert(Member(1));
        shown.Upsert(Member(2));
        shown.Complete(Now);

        var rescan = new TeamSnapshot(2, Now, sharesWith: shown);
        var same = Member(1);
        var changed = Member(2, status: "failure");
        Assert.False(ReferenceEquals(Array(same), Array(shown.Users[0])));
        Assert.False(ReferenceEquals(same.UserId, shown.Users[0].UserId));
        Assert.False(ReferenceEquals(changed.UserId, shown.Users[1].UserId));
        rescan.Upsert(same);
        rescan.Upsert(changed);
        rescan.Complete(Now);

        Assert.Same(Array(shown.Users[0]), Array(rescan.Users[0]));
        Assert.NotSame(Array(shown.Users[1]), Array(rescan.Users[1]));
        Assert.Equal("failure", rescan.Users[1].Pulls[0].Status.Value);
        Assert.Equal(shown.Users[0].Pulls, rescan.Users[0].Pulls);
        // Every user the shown team holds keeps its id string, changed or not: one copy of the ids, not two.
        Assert.Same(shown.Users[0].UserId, rescan.Users[0].UserId);
        Assert.Same(shown.Users[1].UserId, rescan.Users[1].UserId);
        Assert.True(rescan.TryGet(new string(shown.Users[1].UserId), out var found) && ReferenceEquals(found, rescan.Users[1]));

        // Once complete it shares nothing more (and no longer holds the older snapshot).
        var late = Member(1);
        rescan.Upsert(late);
        Assert.NotSame(Array(shown.Users[0]), Array(rescan.Users[0]));

        static CompactPull[] Array(TeamUser user) => System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(user.Pulls)!;
    }

    [Fact]
    public void DiagnosePending_HiddenRescan_UnchangedFindingsShareTheShownArray_ChangedOnesKeepTheirOwn()
    {
        var shown = new TeamSnapshot(1, Now);
        shown.Upsert(Member(1, status: "failure"));
        shown.Upsert(Member(2, status: "failure"));
        shown.Complete(Now);

        var rescan = new TeamSnapshot(2, Now, sharesWith: shown);
        rescan.Upsert(TeamUser.Create(User(1).Pull("oura", "sleep", "failure"), Engine, Now, _pool, diagnose: false));
        rescan.Upsert(TeamUser.Create(User(2).Pull("oura", "sleep", "in_progress"), Engine, Now, _pool, diagnose: false));
        Assert.Empty(rescan.Users[0].Findings);

        rescan.DiagnosePending(Engine, _pool, shown: false);
        rescan.Complete(Now);

        Assert.Equal(shown.Users[0].Findings, rescan.Users[0].Findings);
        Assert.Same(Findings(shown.Users[0]), Findings(rescan.Users[0]));
        Assert.NotSame(Findings(shown.Users[1]), Findings(rescan.Users[1]));
        Assert.Contains(rescan.Users[1].Findings, f => f.Code == "pull_in_progress");

        static TeamFinding[] Findings(TeamUser user) => System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(user.Findings)!;
    }

    [Fact]
    public void Upsert_HiddenRescan_AUserReadOnSomeOfTheirProviders_HoldsTheRunOfTheShownArray_ThenAllOfIt()
    {
        var shown = TwoProviderTeam();
        var before = shown.Users[0];
        var rescan = new TeamSnapshot(2, Now, sharesWith: shown);

        // whoop's walk reaches the user first: the rescan's user holds whoop's run of the shown arrays, no copy.
        rescan.Upsert(TeamUser.Create(User(1).Pull("whoop", "sleep", "success"), Engine, Now, _pool, diagnose: false));
        var partial = rescan.Users[0];
        AssertRun(before.PullRun.Array, offset: 1, count: 1, partial.PullRun);
        Assert.Equal([("whoop", "sleep")], partial.Pulls.Select(p => (p.Provider, p.Resource)));
        Assert.Equal(1, partial.PullCount);
        Assert.Equal("success", partial.WorstStatusOf("whoop")?.Value);
        Assert.Null(partial.WorstStatusOf("oura"));
        Assert.Equal(["whoop"], partial.ToPulls().Providers.Keys.Select(k => k.Value));

        rescan.Upsert(partial.WithOngoing(Ongoing(1).Resource("whoop", "sleep", TimeSpan.FromHours(2)).Build(), Engine, Now, _pool, diagnose: false));
        AssertRun(before.OngoingRun.Array, offset: 1, count: 1, rescan.Users[0].OngoingRun);
        Assert.Equal(["whoop"], rescan.Users[0].Ongoing.Select(o => o.Provider));

        // oura's walk comes to the user: now all of the shown arrays, pulls and ongoing data alike.
        rescan.Upsert(rescan.Users[0].MergeWith(User(1).Pull("oura", "sleep", "success").Build(), Engine, Now, _pool, diagnose: false));
        rescan.Upsert(rescan.Users[0].WithOngoing(Ongoing(1).Resource("oura", "sleep", TimeSpan.FromHours(2)).Build(), Engine, Now, _pool, diagnose: false));
        var whole = rescan.Users[0];
        AssertRun(before.PullRun.Array, offset: 0, count: 2, whole.PullRun);
        AssertRun(before.OngoingRun.Array, offset: 0, count: 2, whole.OngoingRun);
        Assert.Same(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(before.Pulls), System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(whole.Pulls));
        Assert.Equal(before.Ongoing, whole.Ongoing);
    }

    [Fact]
    public void DiagnosePending_AUserWhoLostAProvider_OwnsTheirArraysOnceHidden_KeepsTheRunOnceShown()
    {
        var shown = TwoProviderTeam();
        var before = shown.Users[0];
        TeamSnapshot Rescan()
        {
            var rescan = new TeamSnapshot(2, Now, sharesWith: shown);
            rescan.Upsert(TeamUser.Create(User(1).Pull("whoop", "sleep", "success"), Engine, Now, _pool, diagnose: false));
            rescan.Upsert(rescan.Users[0].WithOngoing(Ongoing(1).Resource("whoop", "sleep", TimeSpan.FromHours(2)).Build(), Engine, Now, _pool, diagnose: false));
            AssertRun(before.PullRun.Array, offset: 1, count: 1, rescan.Users[0].PullRun);
            return rescan;
        }

        var hidden = Rescan();
        hidden.DiagnosePending(Engine, _pool, shown: false);
        var user = hidden.Users[0];
        Assert.NotSame(before.PullRun.Array, user.PullRun.Array);
        Assert.NotSame(before.OngoingRun.Array, user.OngoingRun.Array);
        AssertRun(user.PullRun.Array, offset: 0, count: 1, user.PullRun);
        AssertRun(user.OngoingRun.Array, offset: 0, count: 1, user.OngoingRun);
        Assert.Equal([("whoop", "sleep")], user.Pulls.Select(p => (p.Provider, p.Resource)));
        Assert.Equal(["whoop"], user.Ongoing.Select(o => o.Provider));
        Assert.True(user.IsDiagnosed);

        // Shown mid-way, a reader may be reading the user: the run stays (the same items either way).
        var visible = Rescan();
        visible.DiagnosePending(Engine, _pool, shown: true);
        AssertRun(before.PullRun.Array, offset: 1, count: 1, visible.Users[0].PullRun);
        Assert.Equal(user.Pulls, visible.Users[0].Pulls);
        Assert.Equal(user.Findings, visible.Users[0].Findings);
    }

    /// <summary>A shown team of one user with sleep pulled and ongoing on oura and whoop (ordered: oura's run first).</summary>
    private TeamSnapshot TwoProviderTeam()
    {
        var shown = new TeamSnapshot(1, Now);
        shown.Upsert(TeamUser.Create(User(1).Pull("oura", "sleep", "success").Pull("whoop", "sleep", "success"), Engine, Now, _pool));
        shown.Upsert(shown.Users[0].WithOngoing(
            Ongoing(1).Resource("oura", "sleep", TimeSpan.FromHours(2)).Resource("whoop", "sleep", TimeSpan.FromHours(2)).Build(), Engine, Now, _pool));
        shown.Complete(Now);
        AssertRun(shown.Users[0].PullRun.Array, offset: 0, count: 2, shown.Users[0].PullRun);
        return shown;
    }

    private static void AssertRun<T>(T[]? array, int offset, int count, ArraySegment<T> run)
    {
        Assert.Same(array, run.Array);
        Assert.Equal((offset, count), (run.Offset, run.Count));
    }

    [Fact]
    public void Upsert_RescanMadeForTheShownTeamsSize_GrowsPastItAndKeepsEveryUserInOrder()
    {
        // A rescan's index and list start at the shown team's size (and an eighth more); a team that grew since
        // still goes in whole.
        var shown = new TeamSnapshot(1, Now);
        for (var n = 1; n <= 300; n++)
        {
            shown.Upsert(Member(n));
        }

        shown.Complete(Now);
        var rescan = new TeamSnapshot(2, Now, sharesWith: shown);
        for (var n = 1; n <= 700; n++)
        {
            rescan.Upsert(Member(n));
        }

        Assert.Equal(700, rescan.Count);
        Assert.Equal(Enumerable.Range(1, 700).Select(n => User(n).Build().UserId), rescan.Users.Select(u => u.UserId));
        Assert.All(rescan.Users, u => Assert.True(rescan.TryGet(u.UserId.ToUpperInvariant(), out var found) && ReferenceEquals(found, u)));
    }

    [Fact]
    public void Upsert_NewUsers_AppendedInOrderAndFindableInAnyCase()
    {
        var snapshot = new TeamSnapshot(1, Now);

        snapshot.Upsert(Member(1));
        snapshot.Upsert(Member(2));

        Assert.Equal([Id(1), Id(2)], snapshot.Users.Select(u => u.UserId));
        Assert.True(snapshot.TryGet(Id(2).ToUpperInvariant(), out var found));
        Assert.Equal(Id(2), found.UserId);
        Assert.False(snapshot.TryGet(Id(3), out _));
        Assert.Equal(2, snapshot.Version);
    }

    [Fact]
    public void Users_TakenWhileTheScanRuns_AStablePrefix()
    {
        var snapshot = new TeamSnapshot(1, Now);
        snapshot.Upsert(Member(1));
        var before = snapshot.Users;

        snapshot.Upsert(Member(2));

        Assert.Single(before);
        Assert.Equal(2, snapshot.Users.Count);
    }

    [Fact]
    public void Upsert_ManyUsers_GrowsPastItsFirstArrayAndKeepsEarlierPrefixes()
    {
        var snapshot = new TeamSnapshot(1, Now);
        for (var i = 1; i <= 300; i++)
        {
            snapshot.Upsert(Member(i));
        }

        var prefix = snapshot.Users;
        for (var i = 301; i <= 1000; i++)
        {
            snapshot.Upsert(Member(i));
        }

        Assert.Equal(300, prefix.Count);
        Assert.Equal(Id(300), prefix[^1].UserId);
        Assert.Equal(1000, snapshot.Count);
        Assert.Equal([.. Enumerable.Range(1, 1000).Select(Id)], snapshot.Users.Select(u => u.UserId));
    }

    [Fact]
    public void Upsert_SameUserAgain_ReplacedInPlace()
    {
        var snapshot = new TeamSnapshot(1, Now);
        snapshot.Upsert(Member(1));
        snapshot.Upsert(Member(2));

        snapshot.Upsert(Member(1, "failure"));

        Assert.Equal(2, snapshot.Count);
        Assert.Equal("failure", snapshot.Users[0].WorstStatus?.Value);
        Assert.Equal(3, snapshot.Version);
    }

    [Fact]
    public void Upsert_TheEarlierUserMergedWithAnotherPage_ReplacesItInPlace()
    {
        var snapshot = new TeamSnapshot(1, Now);
        snapshot.Upsert(Member(1));
        snapshot.Upsert(Member(2));

        Assert.True(snapshot.TryGet(Id(1), out var earlier));
        snapshot.Upsert(earlier.MergeWith(User(1).Pull("fitbit", "sleep", "failure"), Engine, Now, _pool));

        Assert.Equal(2, snapshot.Count);
        Assert.Equal(["oura"], earlier.Providers);
        Assert.Equal(["fitbit", "oura"], snapshot.Users[0].Providers);
        Assert.Equal(Id(2), snapshot.Users[1].UserId);
    }

    [Fact]
    public void Complete_SetsTheTimeAndBumpsTheVersion()
    {
        var snapshot = new TeamSnapshot(1, Now);
        snapshot.Upsert(Member(1));

        snapshot.Complete(Now.AddSeconds(5));

        Assert.True(snapshot.IsComplete);
        Assert.Equal(Now.AddSeconds(5), snapshot.CompletedAt);
        Assert.Null(snapshot.Error);
        Assert.Equal(2, snapshot.Version);
    }

    [Fact]
    public void Fail_KeepsTheUsersAndSaysWhy()
    {
        var snapshot = new TeamSnapshot(1, Now);
        snapshot.Upsert(Member(1));

        snapshot.Fail("Vital is unavailable.", Now);

        Assert.True(snapshot.IsComplete);
        Assert.Equal("Vital is unavailable.", snapshot.Error);
        Assert.Single(snapshot.Users);
    }

    [Fact]
    public void Users_ReadWhileAnotherThreadAppends_AlwaysAConsistentPrefix()
    {
        var snapshot = new TeamSnapshot(1, Now);
        var members = Enumerable.Range(1, 2000).Select(i => Member(i)).ToArray();

        var writer = Task.Run(() =>
        {
            foreach (var member in members)
            {
                snapshot.Upsert(member);
            }
        }, TestContext.Current.CancellationToken);

        while (!writer.IsCompleted)
        {
            var users = snapshot.Users;
            for (var i = 0; i < users.Count; i++)
            {
                Assert.Same(members[i], users[i]);
            }
        }

        Assert.Equal(2000, snapshot.Count);
    }
}
