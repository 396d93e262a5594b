using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// An SVG fragment from MudBlazor's Material icon set: the only markup <see cref="MarkupWriter"/> writes as it is.
/// Values exist only as the static members below, so text from Vital can never become one.
/// </summary>
public readonly record struct TrustedIcon
{
    private TrustedIcon(string name, string svg)
    {
        Id = "icon-" + name;
        Svg = svg;
    }

    /// <summary>The SVG fragment, for a MudBlazor component's <c>Icon</c> parameter.</summary>
    public string Svg { get; }

    /// <summary>
    /// The id of the icon's <c>&lt;symbol&gt;</c> in the page's sprite (<see cref="IconSprite"/>), which markup refers to
    /// with <c>&lt;use href="#…"&gt;</c> instead of repeating the path on every row.
    /// </summary>
    public string Id { get; }

    public static TrustedIcon Autorenew { get; } = new("autorenew", Icons.Material.Filled.Autorenew);
    public static TrustedIcon CheckCircle { get; } = new("check-circle", Icons.Material.Filled.CheckCircle);
    public static TrustedIcon ContentCopy { get; } = new("content-copy", Icons.Material.Outlined.ContentCopy);
    public static TrustedIcon Close { get; } = new("close", Icons.Material.Filled.Close);
    public static TrustedIcon ContentPaste { get; } = new("content-paste", Icons.Material.Filled.ContentPaste);
    public static TrustedIcon Download { get; } = new("download", Icons.Material.Filled.Download);
    public static TrustedIcon Error { get; } = new("error", Icons.Material.Filled.Error);
    public static TrustedIcon ErrorOutline { get; } = new("error-outline", Icons.Material.Filled.ErrorOutline);
    public static TrustedIcon HelpOutline { get; } = new("help-outline", Icons.Material.Filled.HelpOutline);
    public static TrustedIcon Flag { get; } = new("flag", Icons.Material.Filled.Flag);
    public static TrustedIcon Hub { get; } = new("hub", Icons.Material.Filled.Hub);
    public static TrustedIcon Info { get; } = new("info", Icons.Material.Filled.Info);
    public static TrustedIcon Lightbulb { get; } = new("lightbulb", Icons.Material.Outlined.Lightbulb);
    public static TrustedIcon Link { get; } = new("link", Icons.Material.Filled.Link);
    public static TrustedIcon PauseCircle { get; } = new("pause-circle", Icons.Material.Filled.PauseCircle);
    public static TrustedIcon LinkOff { get; } = new("link-off", Icons.Material.Filled.LinkOff);
    public static TrustedIcon People { get; } = new("people", Icons.Material.Filled.People);
    public static TrustedIcon Refresh { get; } = new("refresh", Icons.Material.Filled.Refresh);
    public static TrustedIcon RemoveCircleOutline { get; } = new("remove-circle-outline", Icons.Material.Outlined.RemoveCircleOutline);
    public static TrustedIcon Replay { get; } = new("replay", Icons.Material.Filled.Replay);
    public static TrustedIcon Report { get; } = new("report", Icons.Material.Filled.Report);
    public static TrustedIcon Schedule { get; } = new("schedule", Icons.Material.Filled.Schedule);
    public static TrustedIcon Sync { get; } = new("sync", Icons.Material.Filled.Sync);
    public static TrustedIcon Timeline { get; } = new("timeline", Icons.Material.Outlined.Timeline);
    public static TrustedIcon Warning { get; } = new("warning", Icons.Material.Filled.Warning);

    /// <summary>Every icon, for the sprite.</summary>
    public static IReadOnlyList<TrustedIcon> All { get; } = [Autorenew, CheckCircle, ContentCopy, Close, ContentPaste, Download, Error, ErrorOutline, Flag, HelpOutline, Hub, Info, Lightbulb, Link, PauseCircle, LinkOff, People, Refresh, RemoveCircleOutline, Replay, Report, Schedule, Sync, Timeline, Warning];
}
