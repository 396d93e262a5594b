using Bunit;
using Dashboard.Web.Api;
using Dashboard.Web.Components.Pages.Users;
using Dashboard.Web.Input;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Support;
using Dashboard.Web.Ui;
using MudBlazor;
using Vital.Introspection;
using static Dashboard.Web.Tests.Components.Pages.Users.UserFixtures;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Users;

public sealed class UserPageTests : DashboardContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private IRenderedComponent<UserPage> Open(string userId, string query = "")
    {
        OpenAt($"/users/{Uri.EscapeDataString(userId)}{query}");
        return Render<UserPage>(p => p.Add(c => c.UserId, userId));
    }

    private static string Text(IRenderedComponent<UserPage> cut, string selector) => Markup.Text(cut.Find(selector).TextContent);

    private static string? ActiveTab(IRenderedComponent<UserPage> cut) =>
        cut.FindAll("[role=tab][aria-selected=true]").SingleOrDefault()?.TextContent.Trim();

    private IReadOnlyList<Snackbar> Snackbars => [.. Services.GetRequiredService<ISnackbar>().ShownSnackbars];

    [Theory]
    [InlineData("nope")]
    [InlineData("00000000-0000-4000-8000-00000000001")]
    [InlineData("00000000-0000-4000-8000-0000000000011")]
    [InlineData("00000000000040008000000000000001")]
    [InlineData("' or 1=1 --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("00000000-0000-4000-8000-000000000001/../../api")]
    [InlineData("   ")]
    public void Open_NotAUserId_FriendlyMessageAndVitalNeverAsked(string userId)
    {
        var cut = Open(userId, "?focus=oura");

        var message = Text(cut, "[data-testid=invalid-id]");
        Assert.Equal($"{InputRules.UserIdProblem} Nothing was asked of Vital.", message);
        Assert.Equal("Not a user id", Text(cut, "h1"));
        Assert.Empty(Diagnoses.Calls);
        Assert.Empty(Audit.Entries);
        Assert.Empty(cut.FindAll("[data-testid=user-header]"));
        Assert.DoesNotContain("<script>", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TooLongId_FriendlyMessageAndVitalNeverAsked()
    {
        var cut = Open(new string('a', 5000));

        Assert.NotNull(cut.Find("[data-testid=invalid-id]"));
        Assert.Empty(Diagnoses.Calls);
    }

    [Fact]
    public void Open_NotAUserIdWithTz_BackLinkKeepsTz()
    {
        var cut = Open("nope", "?tz=local");

        Assert.Equal("/?tz=local", cut.FindAll("a").Single(a => a.TextContent.Trim() == "Back to the team").GetAttribute("href"));
    }

    [Fact]
    public void Open_IdInBracesAndUpperCase_AskedAndShownNormalized()
    {
        var cut = Open(" {" + Id(10).Replace("0000-4000", "0000-4AbC", StringComparison.Ordinal).ToUpperInvariant() + "} ");

        var normalized = Id(10).Replace("0000-4000", "0000-4abc", StringComparison.Ordinal);
        Assert.Equal(normalized, Assert.Single(Diagnoses.Calls).UserId);
        Assert.Equal(normalized, Text(cut, "[data-testid=user-id]"));
    }

    [Fact]
    public void Open_ValidId_HeaderWithIdSeverityHeadlineAndAsOf()
    {
        Diagnoses.Returns(Typical());

        var cut = Open(Id(1));

        var call = Assert.Single(Diagnoses.Calls);
        Assert.Equal(new DiagnosisCall(Id(1), Refresh: false, MaxAge: null), call);
        Assert.Equal(Id(1), Text(cut, "[data-testid=user-id]"));
        Assert.Equal("Copy user id", cut.Find("[data-testid=user-header] button.copy-button").GetAttribute("aria-label"));
        var severity = cut.Find("[data-testid=user-header] span.severity-badge");
        Assert.Equal("critical", severity.GetAttribute("data-severity"));
        Assert.Equal("Critical", severity.TextContent.Trim());
        Assert.Contains("mud-error-text", severity.QuerySelector("svg")!.ClassList);
        Assert.Equal("1 failed pull, 1 resource not pulled", Text(cut, "[data-testid=headline]"));
        Assert.Equal("As of 2026-03-04 12:00:00 UTC", Text(cut, "[data-testid=as-of]"));
    }

    [Fact]
    public void Open_ValidId_FindingsWorstFirstWithSeverityTitleExplanationNextStepAndTrace()
    {
        Diagnoses.Returns(Typical());

        var cut = Open(Id(1));

        var findings = cut.FindAll("[data-testid=findings] .finding");
        Assert.Equal(["pull_failed", "resources_not_pulled", "pull_in_progress"], findings.Select(f => f.GetAttribute("data-code")));
        var failed = findings[0];
        Assert.Equal("Critical", failed.QuerySelector("span.severity-badge")!.TextContent.Trim());
        Assert.Equal("Oura workouts pull failed", failed.QuerySelector("h3")!.TextContent);
        Assert.Contains("Vital gave up pulling workouts history from Oura", failed.TextContent, StringComparison.Ordinal);
        Assert.Contains("Next step: Escalate to Vital support with the trace id " + FailedTrace, Markup.Text(failed.TextContent), StringComparison.Ordinal);
        Assert.Contains($"Trace id {FailedTrace}", Markup.Text(failed.QuerySelector(".evidence")!.TextContent), StringComparison.Ordinal);
        Assert.Equal("Copy trace id", failed.QuerySelector(".evidence button.copy-button")!.GetAttribute("aria-label"));
        Assert.Contains("Error details unexpected_error", Markup.Text(failed.QuerySelector(".evidence")!.TextContent), StringComparison.Ordinal);
        Assert.Contains("Not pulled: heart_rate", findings[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("Warning", findings[1].QuerySelector("span.severity-badge")!.TextContent.Trim());
    }

    [Fact]
    public void CopyTraceId_FromAFinding_CopiesIt()
    {
        BrowserCopies();
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1));

        cut.Find("[data-code=pull_failed] .evidence button.copy-button").Click();

        Assert.Equal([FailedTrace], Clipboard);
    }

    [Fact]
    public void Open_EmptyUser_NoPullDataExplainedAndNothingElseToShow()
    {
        Diagnoses.Returns(UserHistoricalPulls.Empty(Id(1)));

        var cut = Open(Id(1));

        var finding = cut.Find("[data-code=no_pull_data]");
        Assert.Equal("No historical pulls for this user", finding.QuerySelector("h3")!.TextContent);
        Assert.Equal("Warning", finding.QuerySelector("span.severity-badge")!.TextContent.Trim());
        Assert.Contains("Next step:", finding.TextContent, StringComparison.Ordinal);
        Assert.Equal("No connected source, No historical pulls", Text(cut, "[data-testid=headline]"));
        Assert.Empty(cut.FindAll("[data-testid=provider-tabs]"));
        Assert.Empty(cut.FindAll("#timeline-title"));
    }

    [Fact]
    public void Open_AllGood_NothingToActOn()
    {
        Diagnoses.Returns(Settled());

        var cut = Open(Id(1));

        Assert.Equal("Nothing to act on: every pull looks as expected.", Text(cut, "[data-testid=no-findings]"));
        Assert.Equal("OK", cut.Find("[data-testid=user-header] span.severity-badge").TextContent.Trim());
        Assert.Equal("All 2 pulls succeeded", Text(cut, "[data-testid=headline]"));
    }

    [Fact]
    public void Open_NoFocus_TheProviderThatNeedsAttentionMostIsOpen()
    {
        Diagnoses.Returns(Typical());

        var cut = Open(Id(1));

        Assert.Equal(["Fitbit", "Oura"], cut.FindAll("[role=tab]").Select(t => t.TextContent.Trim()));
        Assert.Equal("Oura", ActiveTab(cut));
        Assert.Equal("oura", cut.Find(".provider-resources").GetAttribute("data-provider"));
    }

    [Fact]
    public void Open_FocusInTheUrl_ThatProvidersTabIsOpen()
    {
        Diagnoses.Returns(Typical());

        var cut = Open(Id(1), "?focus=fitbit");

        Assert.Equal("Fitbit", ActiveTab(cut));
        Assert.Equal("fitbit", cut.Find(".provider-resources").GetAttribute("data-provider"));
    }

    [Theory]
    [InlineData("?focus=garmin")]
    [InlineData("?focus=%3Cb%3Eoura%3C%2Fb%3E")]
    [InlineData("?focus=")]
    public void Open_FocusOnNoneOfTheProviders_WorstProviderOpen(string query)
    {
        Diagnoses.Returns(Typical());

        var cut = Open(Id(1), query);

        Assert.Equal("Oura", ActiveTab(cut));
    }

    [Fact]
    public void TabClick_AnotherProvider_FocusInTheUrlReplacingHistoryAndThatTabOpens()
    {
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1), "?tz=local");

        cut.FindAll("[role=tab]").Single(t => t.TextContent.Trim() == "Fitbit").Click();

        Assert.Equal($"http://localhost/users/{Id(1)}?tz=local&focus=fitbit", Navigation.Uri);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
        cut.WaitForAssertion(() => Assert.Equal("Fitbit", ActiveTab(cut)), Wait);
        Assert.Single(Diagnoses.Calls);
    }

    [Fact]
    public void ResourcesTable_FinishedPulls_StatusRangeCoverageDurationsErrorInWordsReleaseAndTrace()
    {
        Diagnoses.Returns(Typical());

        var cut = Open(Id(1), "?focus=oura");

        Assert.Equal(
            ["Resource", "Status", "Data range", "Days with data", "Waited", "Ran", "Data freshness", "Error details", "Release · trace id"],
            cut.FindAll(".provider-resources thead th").Select(h => h.TextContent.Trim()));
        var sleep = cut.Find("tr[data-key='oura/sleep']").Children.Select(c => Markup.Text(c.TextContent)).ToList();
        Assert.Equal(["sleep", "Succeeded", "2026-02-02 → 2026-03-04", "20 of 30 (67%)", "1 min", "59 min", "–", "–", "0.0.0-dev.cd0e26251cc7d2d3b8f4e6a9c0d1e2f3a4b5c6d"], sleep);
        Assert.Equal(
            [("Release", "0.0.0-dev.cd0e262"), ("Trace id", "51cc7d2d3b8f4e6a9c0d1e2f3a4b5c6d")],
            cut.FindAll("tr[data-key='oura/sleep'] td.release-trace code").Select(c => (c.GetAttribute("title"), c.TextContent)));
        Assert.Equal("2026-02-02 00:00:00 UTC → 2026-03-04 00:00:00 UTC", cut.Find("tr[data-key='oura/sleep'] td.range span").GetAttribute("title"));
        Assert.Equal("Coverage 67%", cut.Find("tr[data-key='oura/sleep'] [role=progressbar]").GetAttribute("aria-label"));

        var workouts = cut.Find("tr[data-key='oura/workouts']");
        Assert.Equal("Failed", workouts.QuerySelector("span.status-badge")!.TextContent.Trim());
        var error = workouts.QuerySelector("td.error-details")!;
        Assert.Equal("An error Vital did not expect, usually a problem on Vital's side", error.TextContent.Trim());
        Assert.Equal("unexpected_error", error.GetAttribute("title"));
        Assert.Contains(FailedTrace, workouts.TextContent, StringComparison.Ordinal);
        Assert.Equal("Copy trace id", workouts.QuerySelector("button.copy-button")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void ResourcesTable_RunningAndScheduledPulls_RunningSoFarAndRangeNotSetYet()
    {
        Diagnoses.Returns(User(1).Pull("fitbit", "activity", "in_progress").Pull("fitbit", "sleep", "scheduled", traceId: null, release: null));

        var cut = Open(Id(1));

        var activity = cut.Find("tr[data-key='fitbit/activity']").Children.Select(c => Markup.Text(c.TextContent)).ToList();
        Assert.Equal("5 min", activity[4]);
        Assert.Equal("5 min so far", activity[5]);
        var sleep = cut.Find("tr[data-key='fitbit/sleep']").Children.Select(c => Markup.Text(c.TextContent)).ToList();
        Assert.Equal(["sleep", "Scheduled", "Not set yet", "0", "10 min", "–", "–", "–"], sleep);
        // No resource of Fitbit has error details: no column for them.
        Assert.Equal(
            ["Resource", "Status", "Data range", "Days with data", "Waited", "Ran", "Data freshness", "Release · trace id"],
            cut.FindAll(".provider-resources thead th").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public void ResourcesTable_RetryingWithAKnownReason_ReasonInWordsAndThatVitalRetries()
    {
        Diagnoses.Returns(User(1).Pull("oura", "sleep", "retrying", errorDetails: "provider_rate_limit_exceeded"));

        var cut = Open(Id(1));

        var error = cut.Find("tr[data-key='oura/sleep'] td.error-details").TextContent;
        Assert.EndsWith("(Vital retries by itself)", error.Trim(), StringComparison.Ordinal);
        Assert.Contains("Oura", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NotPulled_SaysWhichWhyAndWhatToDo()
    {
        Diagnoses.Returns(Typical());

        var cut = Open(Id(1), "?focus=oura");

        var finding = Diagnose(Typical()).Findings.Single(f => f.Code == Dashboard.Diagnosis.FindingCodes.ResourcesNotPulled && f.Provider == "oura");
        Assert.Equal($"Not pulled: heart_rate. {finding.Explanation} Next step: {finding.Action}", Text(cut, "[data-testid=not-pulled]"));
        Assert.Contains("reconnect Oura", finding.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void NotPulled_Garmin_TheFindingsOwnStepNotReconnectAlone()
    {
        Diagnoses.Returns(User(1).Pull("garmin", "sleep", "success").NotPulled("garmin", "stress_level"));

        var cut = Open(Id(1), "?focus=garmin");

        var note = Text(cut, "[data-testid=not-pulled]");
        Assert.Contains("deregistered", note, StringComparison.Ordinal);
        Assert.DoesNotContain("grant every permission", note, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderWithOnlyNotPulledResources_SaysNothingWasPulled()
    {
        Diagnoses.Returns(User(1).Pull("oura", "sleep", "success").NotPulled("whoop", "sleep", "workouts"));

        var cut = Open(Id(1), "?focus=whoop");

        Assert.Contains("Nothing was pulled from WHOOP.", cut.Find("[data-testid=provider-tabs]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Not pulled: sleep and workouts.", Text(cut, "[data-testid=not-pulled]"), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_VitalUnreadableAltogether_OnlyTheBanner_NoDiagnosisOfGaps()
    {
        Diagnoses.Returns(new Dashboard.Diagnosis.UserSources
        {
            UserId = Id(1),
            User = Dashboard.Diagnosis.SourceRead<VitalUser>.Unavailable("Vital is unavailable."),
            Connections = Dashboard.Diagnosis.SourceRead<IReadOnlyList<ProviderConnection>>.Unavailable("Vital is unavailable."),
            Pulls = Dashboard.Diagnosis.SourceRead<UserHistoricalPulls>.Unavailable("Vital is unavailable."),
            Resources = Dashboard.Diagnosis.SourceRead<UserResources>.Unavailable("Vital is unavailable."),
        });
        Diagnoses.Throws(VitalErrorKind.Unavailable);

        var cut = Open(Id(1));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=error-banner]")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=headline]"));
        Assert.Empty(cut.FindAll("[data-testid=findings]"));

        Diagnoses.Returns(Typical());
        cut.Find("[data-testid=error-banner] button").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=headline]")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=error-banner]"));
    }

    [Theory]
    [InlineData(VitalErrorKind.Unauthorized)]
    [InlineData(VitalErrorKind.Forbidden)]
    [InlineData(VitalErrorKind.NotFound)]
    [InlineData(VitalErrorKind.Validation)]
    [InlineData(VitalErrorKind.RateLimited)]
    [InlineData(VitalErrorKind.Unavailable)]
    [InlineData(VitalErrorKind.Timeout)]
    [InlineData(VitalErrorKind.MalformedResponse)]
    [InlineData(VitalErrorKind.Network)]
    public void Open_UpstreamTrouble_BannerInWordsAndTryAgainAsksVitalAgain(VitalErrorKind kind)
    {
        Diagnoses.Throws(kind, "Vital could not be reached (connection refused).");
        var cut = Open(Id(1));

        var (_, title, detail) = UpstreamProblems.Describe(new VitalApiException(kind, "Vital could not be reached (connection refused)."));
        var banner = cut.Find("[data-testid=error-banner]");
        Assert.Equal(title, banner.QuerySelector("b")!.TextContent);
        Assert.Contains(detail, banner.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", banner.TextContent, StringComparison.Ordinal);
        // The other sources answered: the page keeps what they said, and says the pulls are missing.
        Assert.Equal("Could not read the historical pulls", cut.Find("[data-code=source_unavailable] h3").TextContent);
        Assert.Equal(Id(1), Text(cut, "[data-testid=user-id]"));

        Diagnoses.Returns(Typical());
        banner.QuerySelector("button")!.Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=error-banner]")), Wait);
        Assert.Equal(2, Diagnoses.Calls.Count);
        Assert.True(Diagnoses.Calls[1].Refresh);
        Assert.NotEmpty(cut.FindAll("[data-testid=findings]"));
    }

    [Fact]
    public void Refresh_UpstreamFailsAfterADiagnosis_BannerAndTheLastDiagnosisStays()
    {
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1));

        Diagnoses.Throws(VitalErrorKind.Timeout, "Vital did not answer within 30 seconds.");
        cut.Find("[data-testid=refresh]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Vital did not answer within 30 seconds.", Text(cut, "[data-testid=error-banner]"), StringComparison.Ordinal), Wait);
        Assert.Equal(3, cut.FindAll("[data-testid=findings] .finding").Count);
        Assert.Equal(new DiagnosisCall(Id(1), Refresh: true, MaxAge: TimeSpan.Zero), Diagnoses.Calls[1]);
    }

    [Fact]
    public void Open_WhileVitalAnswers_SaysItIsReadingThenShowsTheDiagnosis()
    {
        Diagnoses.Returns(Typical());
        Diagnoses.Hold();

        var cut = Open(Id(1));

        Assert.Contains("Reading this user from Vital", cut.Markup, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=copy-markdown]").HasAttribute("disabled"));
        // Nothing to download yet: a disabled button, not a link.
        Assert.Equal(("BUTTON", true, null), (cut.Find("[data-testid=download-json]").TagName, cut.Find("[data-testid=download-json]").HasAttribute("disabled"), cut.Find("[data-testid=download-json]").GetAttribute("href")));
        Assert.Equal(Id(1), Text(cut, "[data-testid=user-id]"));

        Diagnoses.Release();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=findings]")), Wait);
        cut.WaitForAssertion(() => Assert.DoesNotContain("Reading this user from Vital", cut.Markup, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public void Refresh_WhileVitalAnswers_ButtonSaysSoAndIsDisabled()
    {
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1));
        Diagnoses.Hold();

        cut.Find("[data-testid=refresh]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Refreshing…", Text(cut, "[data-testid=refresh]")), Wait);
        Assert.True(cut.Find("[data-testid=refresh]").HasAttribute("disabled"));
        Diagnoses.Release();
        cut.WaitForAssertion(() => Assert.Equal("Refresh", Text(cut, "[data-testid=refresh]")), Wait);
    }

    [Fact]
    public void CopyLink_CopiesTheAddressAsShown()
    {
        BrowserCopies();
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1), "?focus=fitbit&tz=local");

        cut.Find("[data-testid=copy-link]").Click();

        Assert.Equal([$"http://localhost/users/{Id(1)}?focus=fitbit&tz=local"], Clipboard);
        Assert.Equal("Link copied to the clipboard.", Assert.Single(Snackbars).Message);
    }

    [Fact]
    public void CopyLink_BrowserRefuses_SaysWhatElseToDo()
    {
        BrowserCopies(accepts: false);
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1));

        cut.Find("[data-testid=copy-link]").Click();

        var snackbar = Assert.Single(Snackbars);
        Assert.Equal(Severity.Warning, snackbar.Severity);
        Assert.Contains("would not copy the link", snackbar.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CopyMarkdown_CopiesTheDiagnosisWithHeadlineAndLinkAndAuditsIt()
    {
        BrowserCopies();
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1), "?focus=fitbit&tz=local");

        cut.Find("[data-testid=copy-markdown]").Click();

        var markdown = Assert.Single(Clipboard);
        Assert.StartsWith($"## Vital diagnosis for user `{Id(1)}`", markdown, StringComparison.Ordinal);
        Assert.Contains("1 failed pull, 1 resource not pulled", markdown, StringComparison.Ordinal);
        Assert.Contains($"(http://localhost/users/{Id(1)}?focus=fitbit&tz=local)", markdown, StringComparison.Ordinal);
        Assert.Contains(FailedTrace, markdown, StringComparison.Ordinal);
        Assert.Equal("Markdown summary copied to the clipboard.", Assert.Single(Snackbars).Message);
        Assert.Equal(
            [(AuditAction.UserPage, Id(1), "focus=fitbit"), (AuditAction.CopyMarkdown, Id(1), null)],
            Audit.Entries.Select(e => (e.Action, e.UserId, e.Detail)));
    }

    [Fact]
    public void DownloadJson_LinksToTheDiagnosisEndpoint()
    {
        Diagnoses.Returns(Typical());

        var cut = Open(Id(1));

        Assert.Equal($"/api/users/{Id(1)}/diagnosis", cut.Find("[data-testid=download-json]").GetAttribute("href"));
        Assert.Equal($"diagnosis-{Id(1)}.json", cut.Find("[data-testid=download-json]").GetAttribute("download"));
    }

    /// <remarks>
    /// An open page keeps every component's two render trees: the header's buttons and the timeline's switches are
    /// elements drawn with MudBlazor's classes, not MudButton and MudToggleGroup components (eleven of them before).
    /// </remarks>
    [Fact]
    public void Open_HeaderButtonsAndTimelineSwitches_AreElementsNotComponents()
    {
        Diagnoses.Returns(Typical());

        var cut = Open(Id(1));

        Assert.Equal(["copy-link", "copy-markdown", "download-json", "refresh"],
            cut.FindAll("[data-testid=user-header] .mud-button").Select(b => b.GetAttribute("data-testid")));
        Assert.Equal(["Timeline view", "Timeline span"], cut.FindAll(".timeline-toolbar [role=group]").Select(g => g.GetAttribute("aria-label")));
        Assert.Equal(4, cut.FindAll(".timeline-toolbar [role=group] .mud-toggle-item").Count);
        Assert.Empty(cut.FindComponents<MudBlazor.MudButton>());
        Assert.Empty(cut.FindComponents<MudBlazor.MudToggleGroup<Dashboard.Web.Components.Timeline.TimelineView>>());
        Assert.NotNull(cut.Find("[data-testid=as-of] time.time-text[datetime][title]"));
    }

    /// <remarks>The header's time is markup, drawn again when the page is: the app bar's switch changes it.</remarks>
    [Fact]
    public void TimeModeChangedInTheAppBar_TheHeadersTimeFollows()
    {
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1));
        Assert.Equal("As of 2026-03-04 12:00:00 UTC", Text(cut, "[data-testid=as-of]"));

        cut.InvokeAsync(() => Times.SetMode(Dashboard.Web.Ui.TimeDisplayMode.Relative));

        cut.WaitForAssertion(() => Assert.Equal("As of now", Text(cut, "[data-testid=as-of]")), Wait);
    }

    [Fact]
    public void Open_RecordsOneAuditEventPerUser()
    {
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1));
        cut.Render();

        cut.Render(p => p.Add(c => c.UserId, Id(2)));

        cut.WaitForAssertion(() => Assert.Equal([Id(1), Id(2)], Audit.Entries.Select(e => e.UserId)), Wait);
        Assert.All(Audit.Entries, e => Assert.Equal(AuditAction.UserPage, e.Action));
        Assert.Equal([Id(1), Id(2)], Diagnoses.Calls.Select(c => c.UserId));
        Assert.Equal(Id(2), Text(cut, "[data-testid=user-id]"));
    }

    [Fact]
    public void TimelineClick_SelectsThatResourcesRowAndFocusesItsProvider()
    {
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1));
        Assert.Equal("Oura", ActiveTab(cut));

        cut.Find("g.row[data-key='fitbit/activity']").ClickRow();

        Assert.Equal($"http://localhost/users/{Id(1)}?focus=fitbit&pull=activity", Navigation.Uri);
        cut.WaitForAssertion(() => Assert.Equal("Fitbit", ActiveTab(cut)), Wait);
        Assert.Equal("true", cut.Find("tr[data-key='fitbit/activity']").GetAttribute("aria-selected"));
        Assert.Contains("selected", cut.Find("tr[data-key='fitbit/activity']").ClassList);
        Assert.Equal("true", cut.Find("g.row[data-key='fitbit/activity']").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void TimelineClick_ProviderAlreadyFocused_SelectsTheRowAndReplacesTheAddress()
    {
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1), "?focus=oura&tz=local");

        cut.Find("g.row[data-key='oura/workouts']").ClickRow();

        Assert.Equal($"http://localhost/users/{Id(1)}?focus=oura&tz=local&pull=workouts", Navigation.Uri);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
        Assert.Equal("true", cut.Find("tr[data-key='oura/workouts']").GetAttribute("aria-selected"));
        Assert.Equal("false", cut.Find("tr[data-key='oura/sleep']").GetAttribute("aria-selected"));
        Assert.Single(Diagnoses.Calls);
    }

    [Fact]
    public void Open_LinkWithAPull_ThatRowSelectedAndItsBarPressed()
    {
        Diagnoses.Returns(Typical());

        var cut = Open(Id(1), "?focus=oura&pull=workouts");

        Assert.Equal("Oura", ActiveTab(cut));
        Assert.Equal("true", cut.Find("tr[data-key='oura/workouts']").GetAttribute("aria-selected"));
        Assert.Equal("true", cut.Find("g.row[data-key='oura/workouts']").GetAttribute("aria-pressed"));
    }

    [Theory]
    [InlineData("?pull=workouts")]
    [InlineData("?focus=oura&pull=%3Cb%3E")]
    [InlineData("?focus=oura&pull=oura%2Fworkouts")]
    [InlineData("?focus=oura&pull=no_such_resource")]
    public void Open_APullThatCannotBeShown_NothingSelectedAndThePageRenders(string query)
    {
        Diagnoses.Returns(Typical());

        var cut = Open(Id(1), query);

        Assert.Empty(cut.FindAll("tr[aria-selected='true']"));
        Assert.NotNull(cut.Find("[data-testid=user-header]"));
    }

    [Fact]
    public void AnotherProvidersTab_ThePreviousProvidersPullLeavesTheAddress()
    {
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1), "?focus=oura&pull=workouts");

        cut.FindAll("[role=tab]").Single(t => t.TextContent.Trim() == "Fitbit").Click();

        Assert.Equal($"http://localhost/users/{Id(1)}?focus=fitbit", Navigation.Uri);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("tr[aria-selected='true']")), Wait);
    }

    [Fact]
    public void TimelineView_InTheAddress_BothWays()
    {
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1), "?view=range");
        Assert.Equal("range", cut.Find("svg.timeline-svg").GetAttribute("data-view"));

        cut.FindAll("button").Single(b => b.TextContent.Contains("Pull timeline", StringComparison.Ordinal)).Click();

        Assert.Equal($"http://localhost/users/{Id(1)}", Navigation.Uri);
        cut.WaitForAssertion(() => Assert.Equal("pulls", cut.Find("svg.timeline-svg").GetAttribute("data-view")), Wait);

        cut.FindAll("button").Single(b => b.TextContent.Contains("Data range", StringComparison.Ordinal)).Click();

        Assert.Equal($"http://localhost/users/{Id(1)}?view=range", Navigation.Uri);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public void ShowThisPull_FromAFinding_SelectsItsRow()
    {
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1), "?focus=fitbit&tz=utc");
        var link = cut.FindAll("[data-code=pull_failed] a").Single(a => a.TextContent == "Show this pull");

        // A real link (keyboard, "copy link address"), which a click follows in place.
        Assert.Equal($"http://localhost/users/{Id(1)}?focus=oura&tz=utc&pull=workouts", link.GetAttribute("href"));
        link.Click();

        cut.WaitForAssertion(() => Assert.Equal("Oura", ActiveTab(cut)), Wait);
        Assert.Equal("true", cut.Find("tr[data-key='oura/workouts']").GetAttribute("aria-selected"));
    }

    [Fact]
    public void ResourceName_IsALinkToThatPull_SoTheKeyboardReachesEveryRow()
    {
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1), "?focus=oura");

        var link = cut.Find("tr[data-key='oura/sleep'] th a.pull-link");

        Assert.Equal($"http://localhost/users/{Id(1)}?focus=oura&pull=sleep", link.GetAttribute("href"));
        Assert.Equal("sleep", link.TextContent);
    }

    [Fact]
    public void ResourceName_AfterTheAddressChanges_ItsLinkKeepsTheNewAddress()
    {
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1), "?focus=oura");
        var before = cut.Find("tr[data-key='oura/sleep'] th a.pull-link").GetAttribute("href");

        cut.FindAll(".timeline-toolbar button").Single(b => b.TextContent.Contains("Data range", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Equal(
            $"http://localhost/users/{Id(1)}?focus=oura&view=range&pull=sleep",
            cut.Find("tr[data-key='oura/sleep'] th a.pull-link").GetAttribute("href")), Wait);
        Assert.Equal($"http://localhost/users/{Id(1)}?focus=oura&pull=sleep", before);
    }

    [Fact]
    public void ResourceRowClick_SelectsItInTheTableAndTheTimeline()
    {
        Diagnoses.Returns(Typical());
        var cut = Open(Id(1));

        cut.Find("tr[data-key='oura/sleep']").ClickInResourceRow();

        Assert.Equal("true", cut.Find("tr[data-key='oura/sleep']").GetAttribute("aria-selected"));
        Assert.Equal("true", cut.Find("g.row[data-key='oura/sleep']").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Dispose_OpenPage_StopsListeningToTheState()
    {
        Diagnoses.Returns(Typical());
        var page = Open(Id(1)).Instance;
        var state = Services.GetRequiredService<UserPageState>();
        Assert.Contains(page, EventListeners.Targets(state, nameof(UserPageState.Changed)));

        await DisposeComponentsAsync();

        Assert.DoesNotContain(page, EventListeners.Targets(state, nameof(UserPageState.Changed)));
    }

    [Fact]
    public async Task Dispose_OpenPage_StopsListeningToTheTimeDisplay()
    {
        Diagnoses.Returns(Typical());
        var page = Open(Id(1)).Instance;
        var times = Services.GetRequiredService<TimeDisplay>();
        Assert.Contains(page, EventListeners.Targets(times, nameof(TimeDisplay.Changed)));

        await DisposeComponentsAsync();

        Assert.DoesNotContain(page, EventListeners.Targets(times, nameof(TimeDisplay.Changed)));
    }
}
