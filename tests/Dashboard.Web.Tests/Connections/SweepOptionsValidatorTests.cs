using Dashboard.Web.Connections;

namespace Dashboard.Web.Tests.Connections;

public sealed class SweepOptionsValidatorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(2)]
    [InlineData(50)]
    public void Validate_ZeroToFifty_Valid(double requestsPerSecond) =>
        Assert.True(new SweepOptionsValidator().Validate(null, new SweepOptions { RequestsPerSecond = requestsPerSecond }).Succeeded);

    [Theory]
    [InlineData(-1)]
    [InlineData(50.5)]
    [InlineData(double.NaN)]
    public void Validate_OutOfRange_MessageNamesTheKey(double requestsPerSecond)
    {
        var result = new SweepOptionsValidator().Validate(null, new SweepOptions { RequestsPerSecond = requestsPerSecond });

        Assert.True(result.Failed);
        Assert.StartsWith("Sweep:RequestsPerSecond must be between 0", result.FailureMessage, StringComparison.Ordinal);
    }
}
