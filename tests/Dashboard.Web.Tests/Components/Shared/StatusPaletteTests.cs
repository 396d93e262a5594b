using Dashboard.Diagnosis;
using Dashboard.Web.Components;
using Dashboard.Web.Components.Shared;
using MudBlazor;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class StatusPaletteTests
{
    [Theory]
    [InlineData("success", "Succeeded", Color.Success, "var(--mud-palette-success)")]
    [InlineData("failure", "Failed", Color.Error, "var(--mud-palette-error)")]
    [InlineData("error", "Failed (legacy 'error')", Color.Error, "var(--mud-palette-error)")]
    [InlineData("retrying", "Retrying", Color.Warning, "var(--mud-palette-warning)")]
    [InlineData("in_progress", "In progress", Color.Info, "var(--mud-palette-info)")]
    [InlineData("scheduled", "Scheduled", Color.Default, "var(--mud-palette-action-default)")]
    public void For_KnownStatus_ItsOwnColourIconAndLabel(string status, string label, Color color, string css)
    {
        var style = StatusPalette.For(new PullStatus(status));

        Assert.Equal(status, style.Status?.Value);
        Assert.Equal(label, style.Label);
        Assert.Equal(color, style.Color);
        Assert.Equal(css, style.CssColor);
        Assert.StartsWith("#", style.ChartColor, StringComparison.Ordinal);
        Assert.StartsWith("<", style.Icon.Svg, StringComparison.Ordinal);
        Assert.NotEqual(StatusPalette.Unknown.Icon, style.Icon);
    }

    [Theory]
    [InlineData("paused", "Unknown: paused")]
    [InlineData("", "Unknown: (no status)")]
    [InlineData("SUCCESS", "Unknown: SUCCESS")]
    public void For_UnknownStatus_UnknownStyleWithTheValueVerbatim(string status, string label)
    {
        var style = StatusPalette.For(new PullStatus(status));

        Assert.Equal(label, style.Label);
        Assert.Equal(StatusPalette.Unknown.Color, style.Color);
        Assert.Equal(StatusPalette.Unknown.CssColor, style.CssColor);
        Assert.Equal(StatusPalette.Unknown.ChartColor, style.ChartColor);
        Assert.Equal(StatusPalette.Unknown.Icon, style.Icon);
        Assert.Equal("status-unknown", style.CssClass);
    }

    [Fact]
    public void For_NoStatus_NothingPulledInANeutralStyleOfItsOwn()
    {
        var style = StatusPalette.For(null);

        Assert.Equal("Nothing pulled", style.Label);
        Assert.Equal("status-none", style.CssClass);
        Assert.NotEqual(StatusPalette.Unknown.Icon, style.Icon);
        Assert.NotEqual(StatusPalette.Unknown.CssColor, style.CssColor);
    }

    [Fact]
    public void LegacyError_SameColourAsFailureButItsOwnIcon()
    {
        Assert.Equal(StatusPalette.Failure.CssColor, StatusPalette.LegacyError.CssColor);
        Assert.Equal(StatusPalette.Failure.ChartColor, StatusPalette.LegacyError.ChartColor);
        Assert.NotEqual(StatusPalette.Failure.Icon, StatusPalette.LegacyError.Icon);
    }

    [Fact]
    public void Legend_EveryKnownStatusWorstFirstThenUnknown()
    {
        Assert.Equal(StatusRanker.Known.Select(s => (PullStatus?)s).Append(null), StatusPalette.Legend.Select(s => s.Status));
        Assert.Equal(StatusPalette.Legend.Count, StatusPalette.Legend.Select(s => s.CssClass).Distinct().Count());
        Assert.Equal(StatusPalette.Legend.Count, StatusPalette.Legend.Select(s => s.Icon).Distinct().Count());
    }

    [Fact]
    public void ChartSeries_StatusesSharingAColour_OneSeriesEachColourInTheirOrder()
    {
        var statuses = new[] { "failure", "paused", "error", "retrying", "on_hold", "paused" }.Select(PullStatus.From);

        var series = StatusPalette.ChartSeries(statuses);

        Assert.Equal(["Failed", "Unknown statuses", "Retrying"], series.Select(s => s.Label));
        Assert.Equal([["failure", "error"], ["paused", "on_hold"], ["retrying"]], series.Select(s => s.Statuses.Select(x => x.Value).ToArray()));
        Assert.Equal([StatusPalette.Failure.ChartColor, StatusPalette.Unknown.ChartColor, StatusPalette.Retrying.ChartColor], series.Select(s => s.ChartColor));
    }

    [Theory]
    [InlineData("error", "Failed (legacy 'error')")]
    [InlineData("paused", "Unknown: paused")]
    [InlineData("scheduled", "Scheduled")]
    public void ChartSeries_OneStatusOfItsColour_KeepsItsOwnLabel(string status, string label)
    {
        var series = Assert.Single(StatusPalette.ChartSeries([PullStatus.From(status), PullStatus.Success]), s => s.Statuses.Contains(PullStatus.From(status)));

        Assert.Equal(label, series.Label);
    }

    [Fact]
    public void ChartColor_MatchesTheLightThemesPalette()
    {
        var light = DashboardTheme.Theme.PaletteLight;

        Assert.Equal(light.Success.Value[..7], StatusPalette.Success.ChartColor, ignoreCase: true);
        Assert.Equal(light.Error.Value[..7], StatusPalette.Failure.ChartColor, ignoreCase: true);
        Assert.Equal(light.Warning.Value[..7], StatusPalette.Retrying.ChartColor, ignoreCase: true);
        Assert.Equal(light.Info.Value[..7], StatusPalette.InProgress.ChartColor, ignoreCase: true);
        Assert.Equal(light.Secondary.Value[..7], StatusPalette.Unknown.ChartColor, ignoreCase: true);
    }
}
