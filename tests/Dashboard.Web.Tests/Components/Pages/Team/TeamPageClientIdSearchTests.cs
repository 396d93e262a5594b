using Bunit;
using Dashboard.Web.Components.Pages.Team;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Team;

/// <summary>The search box takes either id: text no Vital user id holds is asked of Vital as a client user id.</summary>
public sealed class TeamPageClientIdSearchTests : DashboardContext
{
    public TeamPageClientIdSearchTests() => Snapshots.Current = TestSnapshots.Complete(User(1).Pull("oura", "sleep", "failure").Build(), User(2).Pull("oura", "sleep", "success").Build());

    private IRenderedComponent<TeamPage> Open(string uri)
    {
        OpenAt(uri);
        return Render<TeamPage>();
    }

    [Fact]
    public void Open_SearchIsAClientUserId_OpensThatUser()
    {
        Diagnoses.ClientUserIds["Cust 48213/ü"] = Id(2);

        Open("/?q=" + Uri.EscapeDataString("Cust 48213/ü"));

        Assert.Equal($"http://localhost/users/{Id(2)}", Navigation.Uri);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry, "Back must not land on a search that opens the user again");
        Assert.Contains(Audit.Entries, e => e.Action == Dashboard.Web.Security.AuditAction.ClientUserIdLookup && e.UserId == Id(2));
    }

    [Fact]
    public void Open_SearchIsAClientUserIdTheGridKnows_OpensThatUserWithoutAskingVital()
    {
        ClientIds.Record(new VitalUser { UserId = Id(2), ClientUserId = "cust-48213" });

        Open("/?q=cust-48213");

        Assert.Equal($"http://localhost/users/{Id(2)}", Navigation.Uri);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
        Assert.Empty(Diagnoses.ResolvedClientUserIds);
        Assert.Contains(Audit.Entries, e => e.Action == Dashboard.Web.Security.AuditAction.ClientUserIdLookup && e.UserId == Id(2));
    }

    [Fact]
    public void Open_SearchIsPartOfAKnownClientUserId_ShowsTheRowAndStays()
    {
        ClientIds.Record(new VitalUser { UserId = Id(2), ClientUserId = "cust-48213" });

        var cut = Open("/?q=cust-482");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("a.user-link")));
        Assert.Equal("http://localhost/?q=cust-482", Navigation.Uri);
    }

    [Fact]
    public void Open_SearchMatchesAVitalUserId_NoLookup()
    {
        Diagnoses.ClientUserIds["000000000002"] = Id(1);

        var cut = Open("/?q=000000000002");

        Assert.Equal("http://localhost/?q=000000000002", Navigation.Uri);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("a.user-link")));
    }

    [Theory]
    [InlineData("..")] // "resolve/.." would have asked Vital's /v2/user/ with the team's key
    [InlineData(".")]
    public void Open_SearchIsADotSegment_NeverAskedOfVital(string search)
    {
        var cut = Open("/?q=" + search);

        Assert.Empty(cut.FindAll("a.user-link"));
        Assert.Empty(Diagnoses.ResolvedClientUserIds);
        Assert.Empty(cut.FindAll("[data-testid=client-id-lookup]"));
    }

    [Theory]
    [InlineData("..", false)]
    [InlineData(".", false)]
    [InlineData("...", true)]
    [InlineData("a..", true)]
    [InlineData("../x", true)] // escaped whole: one segment
    public void IsClientUserId_DotSegmentsRefused(string text, bool accepted) =>
        Assert.Equal(accepted, Dashboard.Web.Input.InputRules.IsClientUserId(text));

    [Fact]
    public void Open_SearchNobodyHas_SaysBothIdsWereTriedAndWhere()
    {
        var cut = Open("/?q=nobody-42");

        cut.WaitForAssertion(() => Assert.Contains(
            "Vital knows no user whose client user id is exactly this in the simulated demo team",
            cut.Find("[data-testid=client-id-lookup]").TextContent,
            StringComparison.Ordinal));
        Assert.Equal("http://localhost/?q=nobody-42", Navigation.Uri);
    }
}
