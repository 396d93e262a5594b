using System.Security.Claims;
using Bunit;
using Dashboard.Web.Components.Pages.Users;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Support;
using Dashboard.Web.Ui;
using MudBlazor;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Users;

/// <summary>"Ask Vital to refresh" on the user page: operators only, a confirmation that says what it reaches, the POST from the browser, the answer in words.</summary>
public sealed class UserPageRefreshTests : DashboardContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private IRenderedComponent<MudDialogProvider>? _dialogs;

    private IRenderedComponent<UserPage> OpenAs(string? email, params string[] groups)
    {
        if (email is not null)
        {
            Services.Configure<AuthOptions>(o =>
            {
                o.Mode = AuthMode.TrustedProxy;
                o.Roles.Operator = ["support-operators"];
            });
            SignedIn.SignIn(new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Email, email), .. groups.Select(g => new Claim(TrustedProxyAuthenticationHandler.GroupsClaim, g))],
                TrustedProxyAuthenticationHandler.SchemeName)));
        }

        Diagnoses.Returns(User(1)
            .Pull("oura", "sleep", "success")
            .Pull("withings", "sleep", "failure", errorDetails: "unexpected_error")
            .Pull("apple_health_kit", "sleep", "success"));
        _dialogs = Render<MudDialogProvider>();
        OpenAt($"/users/{Id(1)}");
        return Render<UserPage>(p => p.Add(c => c.UserId, Id(1)));
    }

    private IRenderedComponent<MudDialogProvider> Dialogs => _dialogs!;

    private IRenderedComponent<MudDialogProvider> OpenDialog(IRenderedComponent<UserPage> cut)
    {
        cut.WaitForElement("[data-testid=ask-vital-refresh]", Wait).Click();
        Dialogs.WaitForElement("[data-testid=refresh-dialog]", Wait);
        return Dialogs;
    }

    private void VitalAnswers(int status, string body) =>
        JSInterop.Setup<BrowserInterop.PostReply>("dashboard.post", _ => true).SetResult(new BrowserInterop.PostReply(status, body));

    private IReadOnlyList<JSRuntimeInvocation> Posts => [.. JSInterop.Invocations.Where(i => i.Identifier == "dashboard.post")];

    [Fact]
    public void Viewer_SeesNoButton()
    {
        var cut = OpenAs("vera@example.com", "staff");

        cut.WaitForElement("[data-testid=headline]", Wait);
        Assert.Empty(cut.FindAll("[data-testid=ask-vital-refresh]"));
    }

    [Fact]
    public void SignInOff_NobodySeesTheButton()
    {
        var cut = OpenAs(email: null);

        cut.WaitForElement("[data-testid=headline]", Wait);
        Assert.Empty(cut.FindAll("[data-testid=ask-vital-refresh]"));
    }

    [Fact]
    public void Operator_Dialog_NamesTheUserWhatItReachesWhatItCannotAndTheAllowance()
    {
        var cut = OpenAs("olga@example.com", "support-operators");

        var dialog = OpenDialog(cut);

        Assert.Equal(Id(1), Markup.Text(dialog.Find("[data-testid=refresh-dialog-user]").TextContent));
        var reaches = Markup.Text(dialog.Find("[data-testid=refresh-reaches]").TextContent);
        Assert.Contains("Oura", reaches, StringComparison.Ordinal);
        Assert.Contains("Withings", reaches, StringComparison.Ordinal);
        Assert.DoesNotContain("Apple", reaches, StringComparison.Ordinal);
        Assert.Contains("Apple HealthKit", Markup.Text(dialog.Find("[data-testid=refresh-not-reached]").TextContent), StringComparison.Ordinal);
        Assert.Contains("8 of 8", Markup.Text(dialog.Find("[data-testid=refresh-left]").TextContent), StringComparison.Ordinal);
        Assert.Empty(Posts);
    }

    [Fact]
    public void Operator_Cancel_SendsNothing()
    {
        var cut = OpenAs("olga@example.com", "support-operators");
        var dialog = OpenDialog(cut);

        dialog.Find("[data-testid=refresh-cancel]").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-testid=refresh-dialog]")), Wait);
        Assert.Empty(Posts);
        Assert.Empty(cut.FindAll("[data-testid=refresh-reply]"));
    }

    [Fact]
    public void Operator_Confirm_PostsWithThePagesTokenShowsWhatVitalDidAndReadsTheUserAgain()
    {
        VitalAnswers(200, """{"userId":"x","outcome":"refreshed","summary":"Vital refreshed 1 source; 1 source failed (see the user's connections for why).","refreshed":["oura/sleep"],"inProgress":[],"failed":["withings/sleep"],"refreshesLeft":7}""");
        var cut = OpenAs("olga@example.com", "support-operators");
        var readsBefore = Diagnoses.Calls.Count;

        OpenDialog(cut).Find("[data-testid=refresh-confirm]").Click();

        var reply = cut.WaitForElement("[data-testid=refresh-reply]", Wait);
        var post = Assert.Single(Posts);
        Assert.Equal($"/api/users/{Id(1)}/refresh", post.Arguments[0]);
        Assert.Equal(AntiforgeryToken, post.Arguments[1]);
        Assert.Equal("refreshed", reply.GetAttribute("data-outcome"));
        Assert.Contains("Vital refreshed 1 source", Markup.Text(cut.Find("[data-testid=refresh-summary]").TextContent), StringComparison.Ordinal);
        Assert.Contains("oura/sleep", cut.Find("[data-testid=refresh-refreshed]").TextContent, StringComparison.Ordinal);
        Assert.Contains("withings/sleep", cut.Find("[data-testid=refresh-failed]").TextContent, StringComparison.Ordinal);
        Assert.Contains("7 refreshes left", cut.Find("[data-testid=refresh-left-after]").TextContent, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Contains(Diagnoses.Calls.Skip(readsBefore), c => c.MaxAge == TimeSpan.Zero), Wait);
    }

    [Fact]
    public void Operator_VitalRefuses_TheReasonIsShownAndTheUserIsNotReadAgain()
    {
        VitalAnswers(400, """{"type":"x","title":"Vital refused the refresh","status":400,"detail":"Vital refused the refresh: \u201cuser has no connected sources\u201d. The user has no connected source for Vital to refresh.","outcome":"refused","refreshesLeft":7}""");
        var cut = OpenAs("olga@example.com", "support-operators");

        OpenDialog(cut).Find("[data-testid=refresh-confirm]").Click();

        var reply = cut.WaitForElement("[data-testid=refresh-reply]", Wait);
        Assert.Equal("refused", reply.GetAttribute("data-outcome"));
        Assert.Contains("no connected source", reply.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Diagnoses.Calls, c => c.MaxAge == TimeSpan.Zero);
    }

    [Fact]
    public void Operator_NothingCameBack_SaysVitalWasNotAsked()
    {
        VitalAnswers(0, string.Empty);
        var cut = OpenAs("olga@example.com", "support-operators");

        OpenDialog(cut).Find("[data-testid=refresh-confirm]").Click();

        Assert.Contains("Vital was not asked", cut.WaitForElement("[data-testid=refresh-reply]", Wait).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_AllowanceUsedUp_ConfirmIsDisabledAndSaysWhenTheNextIs()
    {
        for (var i = 0; i < Dashboard.Web.Refresh.RefreshAllowance.PerUserPerHour; i++)
        {
            Assert.True(await Allowance.TryTakeAsync(Id(1), TestContext.Current.CancellationToken));
        }

        var cut = OpenAs("olga@example.com", "support-operators");
        var dialog = OpenDialog(cut);

        Assert.True(dialog.Find("[data-testid=refresh-confirm]").HasAttribute("disabled"));
        Assert.Contains("None left this hour", dialog.Find("[data-testid=refresh-left]").TextContent, StringComparison.Ordinal);
    }
}
