using MudBlazor;

namespace Dashboard.Web.Components;

/// <summary>One theme for every page: calm colours, readable contrast in light and dark, the system font stack.</summary>
public static class DashboardTheme
{
    private static readonly string[] FontStack =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            AppbarBackground = "#283593",
            Background = "#f7f8fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            AppbarBackground = "#1a1f3a",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
            H6 = new H6Typography { FontFamily = FontStack },
        },
    };
}
