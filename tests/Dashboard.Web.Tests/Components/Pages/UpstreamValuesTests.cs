using Bunit;
using Dashboard.Web.Components.Pages.Providers;
using Dashboard.Web.Components.Pages.Team;
using Dashboard.Web.Components.Pages.Users;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages;

/// <summary>
/// Every page shows what the upstream sends, values it does not know and values that look like markup included,
/// as text; and no address, however odd, breaks a page.
/// </summary>
public sealed class UpstreamValuesTests : DashboardContext
{
    private const string Status = "<b>x</b>";
    private const string Resource = "<b>res</b>";
    private const string Provider = "<i>prov</i>";
    private const string Details = "<script>alert(1)</script>";
    private const string Release = "<img src=x onerror=alert(1)>";
    private const string Trace = "<u>trace</u>";

    private static UserHistoricalPulls Hostile(string userId) => User(userId)
        .Pull(Provider, Resource, Status, errorDetails: Details, release: Release, traceId: Trace)
        .Pull("oura", Resource, Status, errorDetails: Details, release: Release, traceId: Trace)
        .Pull("oura", "sleep", "paused")
        .NotPulled(Provider, "<b>np</b>");

    /// <summary>No element was made from upstream text: the values are there, as text.</summary>
    private static void AssertShownAsText(IRenderedComponent<IComponent> cut, params string[] values)
    {
        Assert.Empty(cut.FindAll("script, img, u"));
        Assert.DoesNotContain(cut.FindAll("b"), b => b.TextContent is "x" or "res" or "np");
        Assert.DoesNotContain(cut.FindAll("i"), i => i.TextContent == "prov");
        var text = AllText(cut);
        foreach (var value in values)
        {
            Assert.Contains(value, text, StringComparison.Ordinal);
        }
    }

    private static string AllText(IRenderedComponent<IComponent> cut) =>
        string.Concat(cut.Nodes.Select(n => n.TextContent)) + string.Concat(cut.FindAll("[title]").Select(e => e.GetAttribute("title")));

    private IRenderedComponent<IComponent> Page<T>(string uri, Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : IComponent
    {
        OpenAt(uri);
        return (IRenderedComponent<IComponent>)(object)Render<T>(parameters ?? (_ => { }));
    }

    [Fact]
    public void TeamPage_HostileValues_ShownAsText()
    {
        Snapshots.Current = TestSnapshots.Complete(Hostile(Id(1)), User("<svg onload=alert(1)>").Pull("oura", "sleep", "success"), User(string.Empty).Pull("oura", "sleep", "success"));

        var cut = Page<TeamPage>("/");

        AssertShownAsText(cut, "Unknown: <b>x</b>", "<i>prov</i>", "<svg onload=alert(1)>");
        Assert.Empty(cut.FindAll("svg[onload]"));
        Assert.Contains(cut.FindAll("a.user-link"), a => a.GetAttribute("href") == "/users/%3Csvg%20onload%3Dalert%281%29%3E");
    }

    [Fact]
    public void UserPage_HostileValues_ShownAsText()
    {
        Diagnoses.Returns(Hostile(Id(1)));

        var cut = Page<UserPage>($"/users/{Id(1)}?focus=oura", p => p.Add(c => c.UserId, Id(1)));

        AssertShownAsText(cut, "Unknown: <b>x</b>", Resource, Details, Release, Trace, "<b>np</b>");
    }

    [Fact]
    public void UserPage_HostileProviderFocused_ShownAsText()
    {
        Diagnoses.Returns(Hostile(Id(1)));

        var cut = Page<UserPage>($"/users/{Id(1)}?focus=oura", p => p.Add(c => c.UserId, Id(1)));
        cut.FindAll("[role=tab]").Single(t => t.TextContent.Trim() == Provider).Click();

        Assert.Equal($"http://localhost/users/{Id(1)}?focus=%3Ci%3Eprov%3C%2Fi%3E", Navigation.Uri);
        cut.WaitForAssertion(() => Assert.Equal(Provider, cut.Find("[role=tab][aria-selected=true]").TextContent.Trim()), TimeSpan.FromSeconds(2));
        AssertShownAsText(cut, Provider, Release, "<b>np</b>");
    }

    [Fact]
    public void ProvidersPage_HostileValues_ShownAsTextWithEscapedLinks()
    {
        Snapshots.Current = TestSnapshots.Complete(Hostile(Id(1)));

        var cut = Page<ProvidersPage>("/providers");

        AssertShownAsText(cut, Provider, "Unknown: <b>x</b>");
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "/providers/%3Ci%3Eprov%3C%2Fi%3E");
    }

    [Fact]
    public void ProviderPage_HostileResourcesAndStatuses_ShownAsText()
    {
        Snapshots.Current = TestSnapshots.Complete(Hostile(Id(1)));

        var cut = Page<ProviderPage>("/providers/oura", p => p.Add(c => c.Provider, "oura"));

        AssertShownAsText(cut, Resource, "Unknown: <b>x</b>");
        Assert.NotNull(cut.Find($"[data-testid=resource-counts] tr[data-resource='{Resource}'] td[data-status='{Status}']"));
    }

    [Theory]
    [InlineData("/?tz=mars")]
    [InlineData("/?status=,,,&provider=&resource=%20")]
    [InlineData("/?provider=%FF%FE")]
    [InlineData("/?q=%F0%9F%98%80")]
    [InlineData("/?q=%25%26%3D%3F")]
    [InlineData("/?attention=TRUE&attention=false")]
    [InlineData("/?attention=")]
    [InlineData("/?status=failure&status=failure&STATUS=retrying")]
    [InlineData("/?unknown=1&tz=local&tz=relative")]
    [InlineData("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public void TeamPage_OddAddress_Renders(string uri)
    {
        Snapshots.Current = TestSnapshots.Complete(Hostile(Id(1)), User(2).Pull("oura", "sleep", "failure"));

        var cut = Page<TeamPage>(uri);

        Assert.NotNull(cut.Find("nav.status-counts"));
        Assert.Empty(cut.FindAll("script"));
    }

    [Theory]
    [InlineData("?focus=%3Cb%3E")]
    [InlineData("?focus=oura&focus=fitbit")]
    [InlineData("?tz=%00")]
    [InlineData("?focus=" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void UserPage_OddAddress_Renders(string query)
    {
        Diagnoses.Returns(Hostile(Id(1)));

        var cut = Page<UserPage>($"/users/{Id(1)}{query}", p => p.Add(c => c.UserId, Id(1)));

        Assert.NotNull(cut.Find("[data-testid=user-header]"));
    }

    [Fact]
    public void StatusLegend_IdenticalOnEveryPageThatShowsStatuses()
    {
        Snapshots.Current = TestSnapshots.Complete(User(1).Pull("oura", "sleep", "failure"));

        var legends = new[]
        {
            Page<TeamPage>("/").Find(".status-legend").OuterHtml,
            Page<ProvidersPage>("/providers").Find(".status-legend").OuterHtml,
            Page<ProviderPage>("/providers/oura", p => p.Add(c => c.Provider, "oura")).Find(".status-legend").OuterHtml,
        };

        Assert.Single(legends.Distinct(StringComparer.Ordinal));
        Assert.Equal(7, Page<TeamPage>("/").FindAll(".status-legend [role=listitem]").Count);
    }

    /// <summary>Values that try to leave an attribute (double and single quotes) and then start an element or a handler.</summary>
    private static readonly string[] Breakouts = ["\" onmouseover=\"x", "'><svg onload=alert(1)>", "\"><img src=x onerror=alert(1)>"];

    private static UserHistoricalPulls Breaking(string userId) => Breakouts.Aggregate(
        User(userId),
        (user, value) => user
            .Pull(value, value, value, errorDetails: value, release: value, traceId: value)
            .Pull("oura", value, value, errorDetails: value, release: value, traceId: value, scheduled: Now.AddHours(-1), started: Now.AddMinutes(-30))
            .NotPulled(value, value));

    /// <summary>No element or event handler came from upstream text: every value is text or one whole attribute value.</summary>
    private static void AssertNoBreakout(IRenderedComponent<IComponent> cut)
    {
        Assert.Empty(cut.FindAll("script, img, svg[onload]"));
        var handlers = cut.FindAll("*").SelectMany(e => e.Attributes)
            .Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Name);
        Assert.Empty(handlers);
        var text = AllText(cut);
        Assert.Contains(Breakouts, v => text.Contains(v, StringComparison.Ordinal));
    }

    [Fact]
    public void TeamPage_AttributeBreakingValues_StayText()
    {
        Snapshots.Current = TestSnapshots.Complete(Breaking(Id(1)), User(Breakouts[0]).Pull("oura", "sleep", "success"), User(Breakouts[1]).Pull(Breakouts[1], "sleep", "failure"));

        AssertNoBreakout(Page<TeamPage>("/"));
    }

    [Fact]
    public void UserPage_AttributeBreakingValues_StayText()
    {
        Diagnoses.Returns(Breaking(Id(1)));

        var cut = Page<UserPage>($"/users/{Id(1)}?focus=oura", p => p.Add(c => c.UserId, Id(1)));

        AssertNoBreakout(cut);
        var row = cut.FindAll("tr[data-key]").First(r => r.GetAttribute("data-key") == "oura/" + Breakouts[0]);
        Assert.Equal(Breakouts[0], row.QuerySelector(".status-badge")!.GetAttribute("data-status"));
        Assert.Contains(cut.FindAll(".timeline-svg g.row title"), t => t.TextContent.Contains(Breakouts[1], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void UserPage_AttributeBreakingProviderInFocus_StaysText(int breakout)
    {
        Diagnoses.Returns(Breaking(Id(1)));

        var cut = Page<UserPage>($"/users/{Id(1)}?focus={Uri.EscapeDataString(Breakouts[breakout])}", p => p.Add(c => c.UserId, Id(1)));

        AssertNoBreakout(cut);
    }

    [Fact]
    public void ProvidersPage_AttributeBreakingValues_StayText()
    {
        Snapshots.Current = TestSnapshots.Complete(Breaking(Id(1)));

        AssertNoBreakout(Page<ProvidersPage>("/providers"));
    }

    [Fact]
    public void ProviderPage_AttributeBreakingValues_StayText()
    {
        Snapshots.Current = TestSnapshots.Complete(Breaking(Id(1)));

        var cut = Page<ProviderPage>("/providers/oura", p => p.Add(c => c.Provider, "oura"));

        AssertNoBreakout(cut);
        Assert.Contains(cut.FindAll("[data-testid=resource-counts] tr[data-resource]"), r => r.GetAttribute("data-resource") == Breakouts[2]);
    }
}
