using Dashboard.Diagnosis;
using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class FindingPaletteTests
{
    [Fact]
    public void ChartColor_EveryCode_ItsOwnColour()
    {
        var colors = FindingCodes.All.Select(FindingPalette.ChartColor).ToList();

        Assert.All(colors, c => Assert.Matches("^#[0-9a-f]{6}$", c));
        Assert.Equal(FindingCodes.All.Count, colors.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void ChartColor_CodesThatMirrorAStatus_TheStatussColour()
    {
        Assert.Equal(StatusPalette.Failure.ChartColor, FindingPalette.ChartColor(FindingCodes.PullFailed));
        Assert.Equal(StatusPalette.Retrying.ChartColor, FindingPalette.ChartColor(FindingCodes.PullRetrying));
        Assert.Equal(StatusPalette.Scheduled.ChartColor, FindingPalette.ChartColor(FindingCodes.PullStuckScheduled));
        Assert.Equal(StatusPalette.InProgress.ChartColor, FindingPalette.ChartColor(FindingCodes.PullStuckInProgress));
        Assert.Equal(StatusPalette.Unknown.ChartColor, FindingPalette.ChartColor(FindingCodes.UnknownStatus));
    }
}
