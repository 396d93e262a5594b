using Dashboard.Web.Components;
using MudBlazor;
using MudBlazor.Utilities;

namespace Dashboard.Web.Tests.Components.Layout;

/// <summary>
/// The theme the layout hands MudBlazor, read as WCAG 2 contrast ratios: text in the status colours must reach AA
/// (4.5:1) wherever MudBlazor draws it, in the light and the dark palette. The browser tests measure the same with axe
/// on real pages; this says which pair broke without a browser.
/// </summary>
public sealed class DashboardThemeTests
{
    private const double Aa = 4.5;

    public static TheoryData<string> Modes() => new("light", "dark");

    [Theory]
    [MemberData(nameof(Modes))]
    public void AlertText_ReadsAtAaOnPageSurfaceAndItsTint(string mode)
    {
        var palette = Palette(mode);

        // Outlined and text alerts write in the "darken" shade; a text alert tints its background with the main colour.
        foreach (var (name, main, text) in new (string, object, object)[]
                 {
                     ("info", palette.Info, palette.InfoDarken),
                     ("success", palette.Success, palette.SuccessDarken),
                     ("warning", palette.Warning, palette.WarningDarken),
                     ("error", palette.Error, palette.ErrorDarken),
                 })
        {
            var tint = Over(Rgb(main), Rgb(palette.Background), palette.HoverOpacity);
            AssertAa($"{mode} {name} alert text on the background", Rgb(text), Rgb(palette.Background));
            AssertAa($"{mode} {name} alert text on a surface", Rgb(text), Rgb(palette.Surface));
            AssertAa($"{mode} {name} alert text on its tint", Rgb(text), tint);
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void OutlinedText_ReadsAtAaOnPageAndSurface(string mode)
    {
        var palette = Palette(mode);

        // Outlined buttons and chips write in the main colour: "Try again" (error), "Stuck" (warning), "Watching" (info).
        foreach (var (name, color) in new (string, object)[] { ("error", palette.Error), ("warning", palette.Warning), ("info", palette.Info), ("primary", palette.Primary) })
        {
            AssertAa($"{mode} {name} text on the background", Rgb(color), Rgb(palette.Background));
            AssertAa($"{mode} {name} text on a surface", Rgb(color), Rgb(palette.Surface));
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void FilledText_ReadsAtAaOnItsColour(string mode)
    {
        var palette = Palette(mode);

        // The "Demo data" chip is filled warning; primary fills the selected toggles and buttons.
        AssertAa($"{mode} text on filled warning", Rgb(palette.WarningContrastText), Rgb(palette.Warning));
        AssertAa($"{mode} text on filled primary", Rgb(palette.PrimaryContrastText), Rgb(palette.Primary));
    }

    private static Palette Palette(string mode) => mode == "dark" ? DashboardTheme.Theme.PaletteDark : DashboardTheme.Theme.PaletteLight;

    private static void AssertAa(string what, (double R, double G, double B) text, (double R, double G, double B) background)
    {
        var ratio = Contrast(text, background);
        Assert.True(ratio >= Aa, $"{what}: {ratio:0.00}:1, AA needs {Aa}:1");
    }

    private static (double R, double G, double B) Rgb(object color)
    {
        var parsed = color as MudColor ?? new MudColor(color.ToString()!);
        return (parsed.R, parsed.G, parsed.B);
    }

    private static (double R, double G, double B) Over((double R, double G, double B) top, (double R, double G, double B) below, double alpha) =>
        (top.R * alpha + below.R * (1 - alpha), top.G * alpha + below.G * (1 - alpha), top.B * alpha + below.B * (1 - alpha));

    private static double Contrast((double R, double G, double B) a, (double R, double G, double B) b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance((double R, double G, double B) c)
    {
        static double Channel(double v)
        {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        }

        return 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);
    }
}
