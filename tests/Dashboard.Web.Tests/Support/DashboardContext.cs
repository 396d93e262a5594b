using Bunit;
using Bunit.TestDoubles;
using Dashboard.Diagnosis;
using Dashboard.Store.Reading;
using Dashboard.Web.Components.Pages.Users;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.History;
using Dashboard.Web.Hosting;
using Dashboard.Web.Security;
using Dashboard.Web.Ui;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vital.Introspection;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// bUnit with MudBlazor and the dashboard's services over fakes: the team data source, the diagnosis service, the
/// page audit, a fake clock, and loose JS interop. The real <see cref="TeamViewCache"/>, <see cref="TimeDisplay"/>,
/// <see cref="UserPageState"/> and <see cref="DiagnosisEngine"/>.
/// </summary>
public abstract class DashboardContext : BunitContext
{
    protected DashboardContext()
    {
        this.UseMudBlazor();
        // Options for whatever else the layout asks for (sign-in settings, for instance) default sensibly.
        Services.AddOptions();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<ITeamSnapshots>(Snapshots);
        Services.AddSingleton<IDiagnosisService>(Diagnoses);
        Services.AddSingleton<IPageAudit>(Audit);
        Services.AddSingleton<IDashboardEnvironment>(Environment);
        Services.AddSingleton(TestPulls.Engine);
        Services.AddSingleton(sp => sp.GetRequiredService<DiagnosisEngine>().Thresholds);
        Services.AddSingleton(Connections);
        Services.AddSingleton(Options.Create(SweepOptions));
        Services.AddSingleton<Dashboard.Web.Connections.SweepOrder>();
        Services.AddSingleton<Dashboard.Web.Connections.SweepStatus>();
        Services.AddSingleton<TeamViewCache>();
        Services.AddSingleton(ClientIds);
        Services.AddSingleton<ClientUserIdPrefetch>();
        Services.AddSingleton<IOptions<UiOptions>>(_ => Options.Create(UiOptions));
        Services.AddScoped<TimeDisplay>();
        Services.AddScoped<BrowserInterop>();
        Services.AddScoped<UserPageState>();
        // The real policies and roles over a signed-in person: sign-in off by default (a viewer and an exporter).
        // bUnit registers placeholders that refuse to authorize: the real services replace them.
        Services.AddAuthorizationCore();
        Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationService, Microsoft.AspNetCore.Authorization.DefaultAuthorizationService>();
        Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider, Microsoft.AspNetCore.Authorization.DefaultAuthorizationPolicyProvider>();
        Services.AddDashboardPolicies();
        Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, DashboardAccessHandler>();
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>(SignedIn);
        Services.AddSingleton<IHistoryReader>(History);
        Services.AddSingleton(new TeamScope(Options.Create(new VitalOptions()), Options.Create(new SimulatorOptions())));
        Services.AddScoped<UserHistoryState>();
        Services.AddSingleton<Dashboard.Web.Refresh.IRefreshAllowance>(Allowance);
        Services.AddSingleton<Microsoft.AspNetCore.Components.Forms.AntiforgeryStateProvider>(new FixedAntiforgery());
        Services.AddTransient<Dashboard.Web.Components.Pages.Providers.ProviderTrendsModel>();
    }

    /// <summary>Who is signed in (<see cref="TestAuthenticationStateProvider.SignIn"/>); roles follow <c>Auth</c> options.</summary>
    internal TestAuthenticationStateProvider SignedIn { get; } = new();

    /// <summary>The history store, faked: an empty history starting on 1 January unless a test says otherwise.</summary>
    internal FakeHistoryReader History { get; } = new();

    internal FakeTimeProvider Time { get; } = new(TestPulls.Now);

    internal FakeTeamSnapshots Snapshots { get; } = new();

    internal FakeDiagnosisService Diagnoses { get; } = new();

    /// <summary>The client user ids the dashboard knows (as the real one learns them from reading users).</summary>
    internal ClientUserIds ClientIds { get; } = new();

    internal FakeEnvironment Environment { get; } = new();

    /// <summary>The connection sweep's readings (none: every user unread until a test keeps some).</summary>
    internal Dashboard.Web.Connections.ConnectionReadings Connections { get; } = new();

    /// <summary>The sweep's settings: on at the default pace unless a test turns it off.</summary>
    internal Dashboard.Web.Connections.SweepOptions SweepOptions { get; } = new();

    internal Dashboard.Web.Connections.SweepStatus Sweep => Services.GetRequiredService<Dashboard.Web.Connections.SweepStatus>();

    /// <summary>Vital's hourly allowance of manual refreshes, on the fake clock.</summary>
    internal Dashboard.Web.Refresh.RefreshAllowance Allowance => _allowance ??= new(Time);

    private Dashboard.Web.Refresh.RefreshAllowance? _allowance;

    /// <summary>The antiforgery token a page rendered by the server would carry.</summary>
    internal const string AntiforgeryToken = "test-antiforgery-token";

    internal FakePageAudit Audit { get; } = new();

    internal UiOptions UiOptions { get; } = new();

    internal BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    internal TimeDisplay Times => Services.GetRequiredService<TimeDisplay>();

    /// <summary>Where the page is opened: <c>/?status=failure</c>, <c>/users/…?focus=oura</c>.</summary>
    internal void OpenAt(string relativeUri) => Navigation.NavigateTo(relativeUri);

    /// <summary>What the page asked the browser to copy through <c>dashboard.copy</c>.</summary>
    internal IReadOnlyList<string> Clipboard =>
        [.. JSInterop.Invocations.Where(i => i.Identifier == "dashboard.copy").Select(i => (string)i.Arguments[0]!)];

    /// <summary>The browser accepts (or refuses) copies.</summary>
    internal void BrowserCopies(bool accepts = true) => JSInterop.Setup<bool>("dashboard.copy", _ => true).SetResult(accepts);

    private sealed class FixedAntiforgery : Microsoft.AspNetCore.Components.Forms.AntiforgeryStateProvider
    {
        public override Microsoft.AspNetCore.Components.Forms.AntiforgeryRequestToken? GetAntiforgeryToken() =>
            new(AntiforgeryToken, "__RequestVerificationToken");
    }
}
