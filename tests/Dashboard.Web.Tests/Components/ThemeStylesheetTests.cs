using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Web.Components;
using Dashboard.Web.Tests.Support;
using MudBlazor;
using MudBlazor.Services;
using MudBlazor.Utilities;

namespace Dashboard.Web.Tests.Components;

public sealed class ThemeStylesheetTests
{
    [Fact]
    public async Task Page_LinksTheVersionedStylesheet_LightPaletteThenTheDarkOneForADarkSystem()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync("/not-found", TestContext.Current.CancellationToken);
        var href = Regex.Match(html, @"<link rel=""stylesheet"" href=""(theme\.css\?v=[0-9a-f]{16})""").Groups[1].Value;
        using var response = await client.GetAsync(href, TestContext.Current.CancellationToken);
        var css = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.NotEqual("", href);
        Assert.DoesNotContain("--mud-palette-primary", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        var light = css.IndexOf($"--mud-palette-primary: {Rgba(DashboardTheme.Theme.PaletteLight.Primary)};", StringComparison.Ordinal);
        var media = css.IndexOf("@media (prefers-color-scheme: dark) {", StringComparison.Ordinal);
        var dark = css.IndexOf($"--mud-palette-primary: {Rgba(DashboardTheme.Theme.PaletteDark.Primary)};", StringComparison.Ordinal);
        Assert.True(light >= 0 && media > light && dark > media, $"light palette at {light}, media query at {media}, dark palette at {dark}");
        Assert.Equal(css.LastIndexOf(":root", StringComparison.Ordinal), css.IndexOf(":root", media, StringComparison.Ordinal));
    }

    [Fact]
    public void Create_DarkBlock_HoldsOnlyWhatDiffersFromTheLight()
    {
        using var services = RenderingServices();

        var css = ThemeStylesheet.Create(services, DashboardTheme.Theme).Css;
        var dark = css[css.IndexOf("@media (prefers-color-scheme: dark)", StringComparison.Ordinal)..];

        Assert.Contains("--mud-elevation-1:", css, StringComparison.Ordinal);
        Assert.DoesNotContain("--mud-elevation-1:", dark, StringComparison.Ordinal);
        Assert.Contains($"--mud-palette-background: {Rgba(DashboardTheme.Theme.PaletteDark.Background)};", dark, StringComparison.Ordinal);
        Assert.Contains($"--mud-palette-text-secondary: {Rgba(DashboardTheme.Theme.PaletteDark.TextSecondary)};", dark, StringComparison.Ordinal);
        Assert.Equal(css.Count(c => c == '{'), css.Count(c => c == '}'));
    }

    [Fact]
    public void Version_FollowsTheText()
    {
        using var services = RenderingServices();
        var other = new MudTheme { PaletteDark = new PaletteDark { Primary = "#123456" } };

        var ours = ThemeStylesheet.Create(services, DashboardTheme.Theme);
        var again = ThemeStylesheet.Create(services, DashboardTheme.Theme);
        var theirs = ThemeStylesheet.Create(services, other);

        Assert.Equal(ours.Version, again.Version);
        Assert.NotEqual(ours.Version, theirs.Version);
        Assert.Equal($"theme.css?v={ours.Version}", ours.Href);
    }

    [Fact]
    public async Task Stylesheet_AnyOtherAddress_IsRevalidated()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/theme.css?v=old", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    /// <summary>What MudThemeProvider needs to render outside a host, with a JS runtime that fails any call.</summary>
    private static ServiceProvider RenderingServices() =>
        new ServiceCollection().AddLogging().AddMudServices().AddSingleton<Microsoft.JSInterop.IJSRuntime, NoBrowser>().BuildServiceProvider();

    private static string Rgba(MudColor color) => color.ToString(MudColorOutputFormats.RGBA);

    /// <summary>Rendering the theme never reaches a browser; a call would fail the test.</summary>
    private sealed class NoBrowser : Microsoft.JSInterop.IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException($"JS call {identifier} while rendering the theme");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException($"JS call {identifier} while rendering the theme");
    }
}
