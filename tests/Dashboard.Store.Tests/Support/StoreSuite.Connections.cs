using Dashboard.Store.Connections;
using Dashboard.Store.State;
using static Dashboard.Store.Tests.Support.TestStates;

namespace Dashboard.Store.Tests.Support;

/// <summary>The connection sweep's readings and cursor, and the connection changes its readings make, on both databases.</summary>
public abstract partial class StoreSuite
{
    [Fact]
    public async Task ConnectionReadings_NothingStored_NoCursorNoReadings()
    {
        var stored = await Store.Connections.LoadAsync("test", TestContext.Current.CancellationToken);

        Assert.Null(stored.Cursor);
        Assert.Empty(stored.Users);
    }

    [Fact]
    public async Task ConnectionReadings_SavedThenReadAgain_LatestReadingPerUserAndTheCursor()
    {
        var ct = TestContext.Current.CancellationToken;
        var round = new SweepCursor(null, T0);
        await Store.Connections.SaveAsync(
            "test",
            new UserConnections("u1", T0.AddSeconds(1), [new("oura", "error", "token_refresh_failed"), new("garmin", "connected")]),
            round with { LastUserId = "u1" },
            ct);
        await Store.Connections.SaveAsync("test", new UserConnections("u2", T0.AddSeconds(2), []), round with { LastUserId = "u2" }, ct);
        // The next round reads u1 again: the oura error is gone, and so is garmin.
        await Store.Connections.SaveAsync("test", new UserConnections("u1", T0.AddHours(1), [new("oura", "connected")]), new SweepCursor("u1", T0.AddHours(1)), ct);

        var stored = await Store.Connections.LoadAsync("test", ct);

        Assert.Equal(new SweepCursor("u1", T0.AddHours(1)), stored.Cursor);
        Assert.Equal(2, stored.Users.Count);
        var u1 = stored.Users.Single(u => u.UserId == "u1");
        Assert.Equal(T0.AddHours(1), u1.ReadAt);
        Assert.Equal([new ConnectionReading("oura", "connected")], u1.Connections);
        var u2 = stored.Users.Single(u => u.UserId == "u2");
        Assert.Equal(T0.AddSeconds(2), u2.ReadAt);
        Assert.Empty(u2.Connections);
    }

    [Fact]
    public async Task ConnectionReadings_ErrorTypeAndTimeKept_ExactlyAsSaved()
    {
        var ct = TestContext.Current.CancellationToken;
        // To the microsecond: PostgreSQL keeps no finer.
        var readAt = T0.AddTicks(12_345_670);
        await Store.Connections.SaveAsync("test", new UserConnections("u1", readAt, [new("fitbit", "error", "required_scopes_not_granted"), new("oura", "something_new")]), new SweepCursor("u1", T0), ct);

        var u1 = Assert.Single((await Store.Connections.LoadAsync("test", ct)).Users);

        Assert.Equal(readAt, u1.ReadAt);
        Assert.Equal([new ConnectionReading("fitbit", "error", "required_scopes_not_granted"), new ConnectionReading("oura", "something_new")], u1.Connections);
    }

    [Fact]
    public async Task ConnectionReadings_TwoScopes_KeptApart()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.Connections.SaveAsync("team-a", new UserConnections("u1", T0, [new("oura", "error")]), new SweepCursor("u1", T0), ct);
        await Store.Connections.SaveAsync("team-b", new UserConnections("u1", T0, [new("oura", "connected")]), new SweepCursor("u1", T0.AddHours(2)), ct);

        var a = await Store.Connections.LoadAsync("team-a", ct);
        var b = await Store.Connections.LoadAsync("team-b", ct);

        Assert.Equal("error", Assert.Single(Assert.Single(a.Users).Connections).Status);
        Assert.Equal("connected", Assert.Single(Assert.Single(b.Users).Connections).Status);
        Assert.Equal(T0, a.Cursor!.RoundStartedAt);
        Assert.Equal(T0.AddHours(2), b.Cursor!.RoundStartedAt);
    }

    [Fact]
    public async Task ConnectionReadings_SecondReplicaReads_SeesWhatTheFirstSaved()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.Connections.SaveAsync("test", new UserConnections("u1", T0, [new("oura", "paused")]), new SweepCursor("u1", T0), ct);
        var second = new StoreHarness(SecondHandle());

        var stored = await second.Connections.LoadAsync("test", ct);

        Assert.Equal("u1", stored.Cursor!.LastUserId);
        Assert.Equal("paused", Assert.Single(Assert.Single(stored.Users).Connections).Status);
        await second.DisposeAsync();
    }

    [Fact]
    public async Task ConnectionReadings_LoadSince_OnlyReadingsMadeFromThenAndTheCursor()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.Connections.SaveAsync("test", new UserConnections("u1", T0, [new("oura", "connected")]), new SweepCursor("u1", T0), ct);
        await Store.Connections.SaveAsync("test", new UserConnections("u2", T0.AddMinutes(2), [new("oura", "error"), new("garmin", "connected")]), new SweepCursor("u2", T0), ct);
        await Store.Connections.SaveAsync("test", new UserConnections("u3", T0.AddMinutes(3), []), new SweepCursor("u3", T0), ct);

        var since = await Store.Connections.LoadSinceAsync("test", T0.AddMinutes(2), ct);

        Assert.Equal(["u2", "u3"], since.Users.Select(u => u.UserId));
        Assert.Equal(2, since.Users[0].Connections.Count);
        Assert.Empty(since.Users[1].Connections);
        Assert.Equal("u3", since.Cursor!.LastUserId);
        Assert.Equal(3, (await Store.Connections.LoadSinceAsync("test", null, ct)).Users.Count);
        Assert.Empty((await Store.Connections.LoadSinceAsync("test", T0.AddHours(1), ct)).Users);
    }

    [Fact]
    public async Task ConnectionReadings_UsersWhoLeftTheTeam_ForgottenOthersAndOtherScopesKept()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var id in new[] { "u1", "u2", "u3" })
        {
            await Store.Connections.SaveAsync("test", new UserConnections(id, T0, [new("oura", "connected"), new("garmin", "error")]), new SweepCursor(id, T0), ct);
        }

        await Store.Connections.SaveAsync("other", new UserConnections("u2", T0, [new("oura", "connected")]), new SweepCursor("u2", T0), ct);

        var forgotten = await Store.Connections.ForgetDepartedAsync("test", id => id != "u2", ct);

        Assert.Equal(1, forgotten);
        var stored = await Store.Connections.LoadAsync("test", ct);
        Assert.Equal(["u1", "u3"], stored.Users.Select(u => u.UserId).Order(StringComparer.Ordinal));
        Assert.Equal(2, stored.Users[0].Connections.Count);
        Assert.Equal("u3", stored.Cursor!.LastUserId);
        Assert.Equal("u2", Assert.Single((await Store.Connections.LoadAsync("other", ct)).Users).UserId);
        Assert.Equal(0, await Store.Connections.ForgetDepartedAsync("test", id => id != "u2", ct));
    }

    [Fact]
    public async Task UserHistory_ConnectionReadInBothScans_ErrorSinceTheScanThatFirstSawIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.WriteAsync(Team(T0, User("u1", connections: [new ConnectionState("oura", "connected")]), User("u2")));
        // u2 is read for the first time: no evidence of a change, so nothing recorded for it.
        await Store.WriteAsync(Team(T0.AddHours(1), User("u1", connections: [new ConnectionState("oura", "error")]), User("u2", connections: [new ConnectionState("garmin", "error")])));

        var history = await Store.Reader.GetUserHistoryAsync("test", "u1", 50, ct);
        var other = await Store.Reader.GetUserHistoryAsync("test", "u2", 50, ct);

        var connection = Assert.Single(history.Connections);
        Assert.Equal("oura", connection.Provider);
        Assert.Equal("error", connection.Current);
        Assert.Equal("connected", connection.Previous);
        Assert.Equal(T0.AddHours(1), connection.Since);
        Assert.Empty(other.Connections);
    }
}
