using Dashboard.Web.Tests.Support;
using Dashboard.Web.Ui;

namespace Dashboard.Web.Tests.Ui;

public sealed class UiOptionsValidatorTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(30)]
    [InlineData(3600)]
    public void Validate_FromFiveSecondsToAnHour_Accepted(int seconds)
    {
        var result = new UiOptionsValidator().Validate(null, new UiOptions { AutoRefreshSeconds = seconds });

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-30)]
    [InlineData(3601)]
    public void Validate_OutsideFiveSecondsToAnHour_OneMessageNamingTheKey(int seconds)
    {
        var result = new UiOptionsValidator().Validate(null, new UiOptions { AutoRefreshSeconds = seconds });

        Assert.True(result.Failed);
        var message = Assert.Single(result.Failures);
        Assert.StartsWith("Ui:AutoRefreshSeconds must be between 5 and 3600", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_InvalidAutoRefresh_RefusesToStartNamingTheKey()
    {
        using var factory = new DashboardFactory(new Dictionary<string, string?> { ["Ui:AutoRefreshSeconds"] = "1" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Ui:AutoRefreshSeconds", error.ToString(), StringComparison.Ordinal);
    }
}
