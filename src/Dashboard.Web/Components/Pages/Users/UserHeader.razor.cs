using Dashboard.Web.Exports;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Security;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Users;

/// <summary>The user page's header: who, the overall answer, copy and export, refresh and auto-refresh.</summary>
public sealed partial class UserHeader
{
    /// <summary>What Vital said to the last manual refresh, and for whom (another user's page shows none).</summary>
    private (string? UserId, Refresh.RefreshReply Reply)? _reply;

    [Parameter, EditorRequired]
    public required UserPageState State { get; set; }

    /// <summary>The provider in focus, which the copied Markdown's link keeps.</summary>
    [Parameter]
    public string? Focus { get; set; }

    [Inject]
    private TimeDisplay Times { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IPageAudit Audit { get; set; } = default!;

    /// <summary>MudButton's look for the header's text buttons and its small outlined one, drawn as plain elements.</summary>
    private static readonly string TextButton = ButtonLook.Classes(Variant.Text, Size.Medium);

    private static readonly string OutlinedSmallButton = ButtonLook.Classes(Variant.Outlined, Size.Small);

    private static readonly MarkupString CopyLinkLabel = ButtonLook.Label(TrustedIcon.Link, "Copy link");

    private static readonly MarkupString CopyMarkdownLabel = ButtonLook.Label(TrustedIcon.ContentPaste, "Copy as Markdown");

    private static readonly MarkupString DownloadJsonLabel = ButtonLook.Label(TrustedIcon.Download, "Download JSON");

    private string JsonLink => $"/api/users/{Uri.EscapeDataString(State.UserId ?? string.Empty)}/diagnosis";

    /// <summary>
    /// The <c>download</c> attribute makes the browser save the answer instead of showing it in place of the page, and
    /// keeps Blazor's router from taking the click for a page navigation (it leaves such links alone).
    /// </summary>
    private string JsonFileName => $"diagnosis-{State.UserId}.json";

    [Inject]
    private Hosting.IDashboardEnvironment Environment { get; set; } = default!;

    /// <summary>"Team 56bd81c9-… · production · US region", or the demo team: where Vital holds the user.</summary>
    private string Where(Dashboard.Diagnosis.UserDiagnosis diagnosis)
    {
        var team = diagnosis.TeamId is { } id ? $"Team {id}" : "The team of this dashboard's key";
        return diagnosis.Environment is { } environment ? $"{team} · {environment} · {diagnosis.Region?.ToUpperInvariant()} region"
            : Environment.IsDemo ? $"{team} · the simulated demo team"
            : $"{team} · environment not named by the key (Vital:BaseUrl is set)";
    }

    private void ShowReply(Refresh.RefreshReply reply) => _reply = (State.UserId, reply);

    private async Task CopyLinkAsync() => Report(await Browser.CopyAsync(Navigation.Uri), "Link");

    private async Task CopyMarkdownAsync()
    {
        if (State.Diagnosis is not { } diagnosis)
        {
            return;
        }

        var link = Navigation.ToAbsoluteUri(Links.User(diagnosis.UserId, Times.Mode, Focus)).ToString();
        var markdown = DiagnosisMarkdown.Render(diagnosis with { Link = link });
        Report(await Browser.CopyAsync(markdown), "Markdown summary");
        await Audit.RecordAsync(AuditAction.CopyMarkdown, State.UserId);
    }

    private void Report(bool copied, string what)
    {
        if (copied)
        {
            Snackbar.Add($"{what} copied to the clipboard.", Severity.Success);
        }
        else
        {
            Snackbar.Add($"The browser would not copy the {what.ToLowerInvariant()}. Use the address bar, or Download JSON.", Severity.Warning);
        }
    }
}
