using Dashboard.Web.Refresh;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Refresh;

public sealed class RefreshAllowanceTests
{
    private const string User = "00000000-0000-4000-8000-000000000001";
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EightAnHour_TheNinthIsRefusedUntilTheFirstIsAnHourOld()
    {
        var time = new FakeTimeProvider(Start);
        var allowance = new RefreshAllowance(time);
        for (var i = 0; i < 8; i++)
        {
            Assert.True(await allowance.TryTakeAsync(User, TestContext.Current.CancellationToken));
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.False(await allowance.TryTakeAsync(User, TestContext.Current.CancellationToken));
        Assert.Equal(new RefreshQuota(0, Start.AddHours(1)), await allowance.PeekAsync(User, TestContext.Current.CancellationToken));

        time.SetUtcNow(Start.AddHours(1));

        Assert.Equal(new RefreshQuota(1, null), await allowance.PeekAsync(User, TestContext.Current.CancellationToken));
        Assert.True(await allowance.TryTakeAsync(User, TestContext.Current.CancellationToken));
        Assert.False(await allowance.TryTakeAsync(User, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Users_AreCountedApart_AndTheIdsCaseDoesNotMatter()
    {
        var allowance = new RefreshAllowance(new FakeTimeProvider(Start));
        for (var i = 0; i < 8; i++)
        {
            Assert.True(await allowance.TryTakeAsync(i % 2 == 0 ? User : User.ToUpperInvariant(), TestContext.Current.CancellationToken));
        }

        Assert.False(await allowance.TryTakeAsync(User, TestContext.Current.CancellationToken));
        Assert.True(await allowance.TryTakeAsync("00000000-0000-4000-8000-000000000002", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Peek_TakesNothing()
    {
        var allowance = new RefreshAllowance(new FakeTimeProvider(Start));

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(8, (await allowance.PeekAsync(User, TestContext.Current.CancellationToken)).Left);
        }
    }
}
