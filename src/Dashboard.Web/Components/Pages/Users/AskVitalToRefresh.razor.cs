using Dashboard.Diagnosis;
using Dashboard.Web.Refresh;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Security;
using Dashboard.Web.Ui;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Users;

/// <summary>
/// "Ask Vital to refresh", for operators: a confirmation naming the user, the providers the refresh reaches and those
/// it cannot, and the hour's allowance; then the browser POSTs to <c>/api/users/{userId}/refresh</c> (so the write goes
/// through the same door as a script's: the operator policy, antiforgery, the rate limit, the audit) and the page
/// shows what Vital did and reads the user again.
/// </summary>
public sealed partial class AskVitalToRefresh
{
    /// <summary>MudButton's look for a small outlined button in the secondary colour, drawn as a plain element.</summary>
    private static readonly string AskButton = ButtonLook.Classes(Variant.Outlined, Size.Small, "secondary");

    private bool _operator;
    private bool _sending;

    [Parameter, EditorRequired]
    public required UserPageState State { get; set; }

    /// <summary>What came back, for the header to show.</summary>
    [Parameter]
    public EventCallback<RefreshReply> OnReply { get; set; }

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    [Inject]
    private IDashboardRoles Roles { get; set; } = default!;

    [Inject]
    private IRefreshAllowance Allowance { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    [Inject]
    private AntiforgeryStateProvider Antiforgery { get; set; } = default!;

    protected override async Task OnInitializedAsync() =>
        _operator = Roles.IsOperator((await Authentication.GetAuthenticationStateAsync()).User);

    /// <summary>Connected providers, split into those Vital polls (a refresh reaches them) and those only the phone syncs.</summary>
    internal static (IReadOnlyList<string> Reached, IReadOnlyList<string> NotReached) Providers(UserDiagnosis diagnosis)
    {
        var providers = diagnosis.Connections.Select(c => c.Provider)
            .Concat(diagnosis.User?.ConnectedSources.Select(s => s.Provider) ?? [])
            .Concat(diagnosis.Providers.Select(p => p.Provider))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return ([.. providers.Where(ManualRefreshes.Reaches).Select(ProviderKnowledge.ProviderDisplayName)],
            [.. providers.Where(p => !ManualRefreshes.Reaches(p)).Select(ProviderKnowledge.ProviderDisplayName)]);
    }

    private async Task OpenAsync()
    {
        if (State is not { UserId: { } userId, Diagnosis: { } diagnosis })
        {
            return;
        }

        var (reached, notReached) = Providers(diagnosis);
        var parameters = new DialogParameters<RefreshDialog>
        {
            { d => d.UserId, userId },
            { d => d.Reached, reached },
            { d => d.NotReached, notReached },
            { d => d.Quota, await Allowance.PeekAsync(userId) },
        };
        // No title string: MudBlazor would render it as an h6 beside the dialog's own h2 (axe: heading order).
        var dialog = await Dialogs.ShowAsync<RefreshDialog>(parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is null || result.Canceled || State.UserId != userId)
        {
            return;
        }

        _sending = true;
        StateHasChanged();
        try
        {
            var (status, body) = await Browser.PostAsync($"/api/users/{Uri.EscapeDataString(userId)}/refresh", Antiforgery.GetAntiforgeryToken()?.Value);
            var reply = RefreshReply.Parse(status, body);
            await OnReply.InvokeAsync(reply);
            if (reply.MayHaveChanged && State.UserId == userId)
            {
                await State.ReloadAsync();
            }
        }
        finally
        {
            _sending = false;
        }
    }
}
