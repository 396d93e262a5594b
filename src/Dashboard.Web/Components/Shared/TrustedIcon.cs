using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// An SVG fragment from MudBlazor's Material icon set: the only markup <see cref="MarkupWriter"/> writes as it is.
/// Values exist only as the static members below, so text from Vital can never become one.
/// </summary>
public readonly record struct TrustedIcon
{
    private TrustedIcon(string svg) => Svg = svg;

    /// <summary>The SVG fragment, for a MudBlazor component's <c>Icon</c> parameter.</summary>
    public string Svg { get; }

    public static TrustedIcon Autorenew { get; } = new(Icons.Material.Filled.Autorenew);
    public static TrustedIcon CheckCircle { get; } = new(Icons.Material.Filled.CheckCircle);
    public static TrustedIcon ContentCopy { get; } = new(Icons.Material.Outlined.ContentCopy);
    public static TrustedIcon Close { get; } = new(Icons.Material.Filled.Close);
    public static TrustedIcon ContentPaste { get; } = new(Icons.Material.Filled.ContentPaste);
    public static TrustedIcon Download { get; } = new(Icons.Material.Filled.Download);
    public static TrustedIcon Error { get; } = new(Icons.Material.Filled.Error);
    public static TrustedIcon ErrorOutline { get; } = new(Icons.Material.Filled.ErrorOutline);
    public static TrustedIcon HelpOutline { get; } = new(Icons.Material.Filled.HelpOutline);
    public static TrustedIcon Hub { get; } = new(Icons.Material.Filled.Hub);
    public static TrustedIcon Info { get; } = new(Icons.Material.Filled.Info);
    public static TrustedIcon Lightbulb { get; } = new(Icons.Material.Outlined.Lightbulb);
    public static TrustedIcon Link { get; } = new(Icons.Material.Filled.Link);
    public static TrustedIcon PauseCircle { get; } = new(Icons.Material.Filled.PauseCircle);
    public static TrustedIcon LinkOff { get; } = new(Icons.Material.Filled.LinkOff);
    public static TrustedIcon People { get; } = new(Icons.Material.Filled.People);
    public static TrustedIcon Refresh { get; } = new(Icons.Material.Filled.Refresh);
    public static TrustedIcon RemoveCircleOutline { get; } = new(Icons.Material.Outlined.RemoveCircleOutline);
    public static TrustedIcon Replay { get; } = new(Icons.Material.Filled.Replay);
    public static TrustedIcon Report { get; } = new(Icons.Material.Filled.Report);
    public static TrustedIcon Schedule { get; } = new(Icons.Material.Filled.Schedule);
    public static TrustedIcon Sync { get; } = new(Icons.Material.Filled.Sync);
    public static TrustedIcon Timeline { get; } = new(Icons.Material.Outlined.Timeline);
    public static TrustedIcon Warning { get; } = new(Icons.Material.Filled.Warning);
}
