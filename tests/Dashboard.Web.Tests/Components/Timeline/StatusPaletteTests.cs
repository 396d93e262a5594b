using Dashboard.Diagnosis;
using Dashboard.Web.Components.Timeline;
using MudBlazor;

namespace Dashboard.Web.Tests.Components.Timeline;

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
        var style = StatusPalette.For(status);

        Assert.Equal(status, style.Status);
        Assert.Equal(label, style.Label);
        Assert.Equal(color, style.Color);
        Assert.Equal(css, style.CssColor);
        Assert.StartsWith("<", style.Icon, StringComparison.Ordinal);
        Assert.NotEqual(StatusPalette.Unknown.Icon, style.Icon);
        Assert.True(StatusPalette.IsKnown(status));
    }

    [Theory]
    [InlineData("paused", "Unknown: paused")]
    [InlineData("", "Unknown: (no status)")]
    [InlineData(null, "Unknown: (no status)")]
    [InlineData("SUCCESS", "Unknown: SUCCESS")]
    public void For_UnknownStatus_UnknownStyleWithTheValueVerbatim(string? status, string label)
    {
        var style = StatusPalette.For(status);

        Assert.Equal(label, style.Label);
        Assert.Equal(StatusPalette.Unknown.Color, style.Color);
        Assert.Equal(StatusPalette.Unknown.CssColor, style.CssColor);
        Assert.Equal(StatusPalette.Unknown.Icon, style.Icon);
        Assert.Equal("status-unknown", style.CssClass);
        Assert.False(StatusPalette.IsKnown(status));
    }

    [Fact]
    public void LegacyError_SameColourAsFailureButItsOwnIcon()
    {
        Assert.Equal(StatusPalette.Failure.CssColor, StatusPalette.LegacyError.CssColor);
        Assert.NotEqual(StatusPalette.Failure.Icon, StatusPalette.LegacyError.Icon);
    }

    [Fact]
    public void Legend_EveryKnownStatusWorstFirstThenUnknown()
    {
        Assert.Equal(StatusOrder.Known.Cast<string?>().Append(null), StatusPalette.Legend.Select(s => s.Status));
        Assert.Equal(StatusPalette.Legend.Count, StatusPalette.Legend.Select(s => s.CssClass).Distinct().Count());
        Assert.Equal(StatusPalette.Legend.Count, StatusPalette.Legend.Select(s => s.Icon).Distinct().Count());
    }
}
