using Dashboard.Web.Components.Pages.Team;

namespace Dashboard.Web.Tests.Components.Pages.Team;

public sealed class ConnectionCellTests
{
    [Theory]
    [InlineData(0, 0, 45, "45 s")]
    [InlineData(0, 6, 54, "6 min")]
    [InlineData(2, 0, 0, "2 h")]
    [InlineData(2, 59, 59, "2 h")]
    [InlineData(24, 0, 0, "1 day")]
    [InlineData(29, 30, 0, "1 day")]
    [InlineData(75, 0, 0, "3 days")]
    public void Age_ItsLargestUnitOnly(int hours, int minutes, int seconds, string expected) =>
        Assert.Equal(expected, ConnectionCell.Age(new TimeSpan(hours, minutes, seconds)));
}
