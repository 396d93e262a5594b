using static Dashboard.Store.Tests.Support.TestStates;

namespace Dashboard.Store.Tests.Support;

/// <summary>The manual refreshes' ledger: Vital's allowance per user per hour, counted once for every replica.</summary>
public abstract partial class StoreSuite
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task Refreshes_EightAnHour_TheNinthRefusedUntilTheFirstIsAnHourOld()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 8; i++)
        {
            Assert.True(await Store.Refreshes.TryTakeAsync("test", "U1", Hour, 8, ct));
            Store.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.False(await Store.Refreshes.TryTakeAsync("test", "u1", Hour, 8, ct));
        var sent = await Store.Refreshes.SentWithinAsync("test", "u1", Hour, ct);
        Assert.Equal(8, sent.Count);
        Assert.Equal(T0, sent[0]);

        Store.Time.SetUtcNow(T0 + Hour);

        Assert.Equal(7, (await Store.Refreshes.SentWithinAsync("test", "u1", Hour, ct)).Count);
        Assert.True(await Store.Refreshes.TryTakeAsync("test", "u1", Hour, 8, ct));
        Assert.True(await Store.Refreshes.TryTakeAsync("test", "u2", Hour, 8, ct));
        Assert.True(await Store.Refreshes.TryTakeAsync("other-team", "u1", Hour, 8, ct));
    }

    [Fact]
    public async Task Refreshes_TwoReplicas_CountTheSameRows_AtOnceToo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var other = new StoreHarness(SecondHandle(), Store.Time);
        await other.Migrator.EnsureMigratedAsync(ct);

        var taken = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            (i % 2 == 0 ? Store : other).Refreshes.TryTakeAsync("test", "u1", Hour, 8, ct)));

        Assert.Equal(8, taken.Count(t => t));
        Assert.Equal(8, (await other.Refreshes.SentWithinAsync("test", "u1", Hour, ct)).Count);
        Assert.False(await Store.Refreshes.TryTakeAsync("test", "u1", Hour, 8, ct));
    }
}
