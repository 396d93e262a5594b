namespace Dashboard.Web.Ui;

/// <summary>The <c>Ui</c> configuration section.</summary>
public sealed class UiOptions
{
    public const string SectionName = "Ui";

    /// <summary>How often a user page refreshes itself while a pull is scheduled, in progress or retrying.</summary>
    public int AutoRefreshSeconds { get; set; } = 30;

    /// <summary>Open connections to the Blazor hub (pages open at once) per signed-in person, or per address without sign-in.</summary>
    public int HubConnectionsPerPerson { get; set; } = 10;
}
