using MudBlazor;

namespace Dashboard.Web.Components;

/// <summary>One theme for every page: calm colours, readable contrast in light and dark, the system font stack.</summary>
public static class DashboardTheme
{
    private static readonly string[] FontStack =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        // MudBlazor's default status colours and secondary text are too light for text on a light page (the amber of a
        // warning alert or an outlined chip is 2:1 on white, grey captions 4.47:1 on the background): these pass WCAG AA
        // (4.5:1) on both the white surfaces and the grey background, and axe checks it in the browser tests.
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            AppbarBackground = "#283593",
            Background = "#f7f8fa",
            TextSecondary = "#616161",
            Success = "#2e7d32",
            Error = "#d32f2f",
            Warning = "#b45309",
            Info = "#0277bd",
            // Unknown statuses: the purple the provider chart draws them in (MudBlazor's pink is 3.4:1 on white).
            Secondary = "#7b1fa2",
        },
        // In the dark, the light primary needs dark text on it, and grey captions and the info blue (the "Watching"
        // chip) need to be a little lighter. MudBlazor writes alert text in the "darken" shade of its colour, which on a
        // dark page must be lighter, not darker (an info banner was 4.49:1, a success alert 3.2:1, a warning alert
        // 4.16:1); the filled amber of the "Demo data" chip needs dark text (white was 1.93:1); the red of an error
        // banner's "Try again" was 3.69:1. Every pair here passes AA (4.5:1) on the background, the surfaces and the
        // alerts' tinted backgrounds.
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            PrimaryContrastText = "#1a1f3a",
            AppbarBackground = "#1a1f3a",
            TextSecondary = "#aeafb5",
            Info = "#66b2ff",
            InfoDarken = "#7dbdff",
            SuccessDarken = "#3dd6a0",
            Warning = "#ffa800",
            WarningDarken = "#ffb733",
            WarningContrastText = "#1a1f3a",
            Error = "#ff8a98",
            ErrorDarken = "#ff8a98",
            ErrorContrastText = "#1a1f3a",
            Secondary = "#ce93d8",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
            H6 = new H6Typography { FontFamily = FontStack },
        },
    };
}
