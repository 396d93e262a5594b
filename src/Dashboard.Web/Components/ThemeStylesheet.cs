using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Dashboard.Web.Components;

/// <summary>
/// The theme as one stylesheet, written once per process: MudBlazor's CSS variables for the light palette, and the
/// dark palette's inside <c>@media (prefers-color-scheme: dark)</c>, so the browser picks the palette itself.
/// </summary>
/// <remarks>
/// MudThemeProvider in the layout wrote the same variables as a style block of about 12,000 characters into every
/// circuit's render tree (about 50 kB a circuit, held for as long as the tab is open), asked the browser for its
/// colour scheme over JS interop and watched it through a .NET object reference, and drew a dark-mode user's first
/// paint light until that answer came back. The text is MudThemeProvider's own, rendered here with
/// <see cref="HtmlRenderer"/> for each palette, so it follows MudBlazor's variables as they change.
/// </remarks>
public sealed partial class ThemeStylesheet
{
    public const string Path = "/theme.css";

    private ThemeStylesheet(string css)
    {
        Css = css;
        Version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(css)).AsSpan(0, 8));
    }

    /// <summary>The stylesheet's text.</summary>
    public string Css { get; }

    /// <summary>A hash of the text: the link carries it, so a new theme is never read from a browser's cache.</summary>
    public string Version { get; }

    /// <summary>The address the pages link to.</summary>
    public string Href => $"{Path.TrimStart('/')}?v={Version}";

    /// <summary>Renders <paramref name="theme"/> through MudThemeProvider, light and dark, into one stylesheet.</summary>
    public static ThemeStylesheet Create(IServiceProvider services, MudTheme theme)
    {
        var light = RenderStyles(services, theme, isDarkMode: false);
        var dark = RenderStyles(services, theme, isDarkMode: true);

        var css = new StringBuilder();
        css.Append("/* MudBlazor's theme for this dashboard: the light palette, then the dark one where the system asks for it. */\n");
        foreach (var block in light)
        {
            css.Append(block.Trim()).Append('\n');
        }

        // Only what differs in the dark: the palette's variables (the scrollbar and chart rules, the shadows, the
        // typography and the layout's sizes are the same in both).
        var lightLines = light.SelectMany(Lines).ToHashSet(StringComparer.Ordinal);
        css.Append("@media (prefers-color-scheme: dark) {\n");
        foreach (var block in dark.Where(block => !light.Contains(block, StringComparer.Ordinal)))
        {
            foreach (var line in Lines(block).Where(line => !line.StartsWith("--", StringComparison.Ordinal) || !lightLines.Contains(line)))
            {
                css.Append(line).Append('\n');
            }
        }

        css.Append("}\n");
        return new ThemeStylesheet(css.ToString());
    }

    private static IEnumerable<string> Lines(string block) =>
        block.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The contents of each style element MudThemeProvider renders for one palette.</summary>
    private static List<string> RenderStyles(IServiceProvider services, MudTheme theme, bool isDarkMode)
    {
        using var scope = services.CreateScope();
        using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(MudThemeProvider.Theme)] = theme,
            [nameof(MudThemeProvider.IsDarkMode)] = isDarkMode,
        });
        // MudThemeProvider renders synchronously; its JS interop runs only after a render in a browser, never here.
        var html = renderer.Dispatcher
            .InvokeAsync(async () => (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString())
            .GetAwaiter().GetResult();
        var blocks = StyleElement().Matches(html).Select(m => m.Groups["css"].Value).ToList();
        if (!blocks.Any(b => b.Contains("--mud-palette-primary:", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("MudThemeProvider rendered no palette variables: the theme stylesheet cannot be made.");
        }

        return blocks;
    }

    /// <summary>
    /// Serves the stylesheet to anyone (the sign-in and error pages need it too). The versioned address the pages use
    /// is cached for a year; any other is revalidated.
    /// </summary>
    public static IEndpointRouteBuilder MapThemeStylesheet(IEndpointRouteBuilder endpoints)
    {
        var stylesheet = endpoints.ServiceProvider.GetRequiredService<ThemeStylesheet>();
        endpoints.MapGet(Path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = context.Request.Query["v"] == stylesheet.Version
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
                return Results.Text(stylesheet.Css, "text/css; charset=utf-8");
            })
            .AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    [GeneratedRegex("<style[^>]*>(?<css>.*?)</style>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex StyleElement();
}
