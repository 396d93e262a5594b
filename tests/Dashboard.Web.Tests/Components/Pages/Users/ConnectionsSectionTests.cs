using Bunit;
using Dashboard.Diagnosis;
using Dashboard.Web.Components.Pages.Users;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Users;

/// <summary>The connection cards: what each says about its connection, in words, times and ids.</summary>
public sealed class ConnectionsSectionTests : DashboardContext
{
    private static readonly DateTimeOffset Broken = Now.AddDays(-2);
    private static readonly DateTimeOffset Connected = Now.AddDays(-100);

    private static readonly ConnectionDiagnosis Oura = new()
    {
        Provider = "oura",
        Status = ConnectionStatus.Connected,
        ExternalUserId = "oura-<7>",
        CreatedOn = Connected,
        UnavailableResources = [],
    };

    private static readonly ConnectionDiagnosis Garmin = new()
    {
        Provider = "garmin",
        Status = ConnectionStatus.Error,
        ErrorType = ConnectionErrorType.TokenRefreshFailed,
        ErrorMessage = "Token <expired>",
        ErroredAt = Broken,
        UnavailableResources =
        [
            new UnavailableResource { Resource = "sleep", DeniedScopes = ["SLEEP_READ", "HEALTH_EXPORT"] },
            new UnavailableResource { Resource = "body", DeniedScopes = [] },
        ],
    };

    private static readonly ConnectionDiagnosis Apple = new()
    {
        Provider = "apple_health_kit",
        Status = ConnectionStatus.Paused,
        UnavailableResources = [],
    };

    private static readonly ConnectionDiagnosis Strange = new()
    {
        Provider = "polar",
        Status = ConnectionStatus.From("sleeping"),
        ErrorType = new ConnectionErrorType("quota_exceeded"),
        UnavailableResources = [],
    };

    private IRenderedComponent<ConnectionsSection> RenderCards(params ConnectionDiagnosis[] connections) =>
        Render<ConnectionsSection>(p => p
            .Add(c => c.State, SourceState.Ok)
            .Add(c => c.Connections, connections));

    [Fact]
    public void Render_OneCardPerConnection_InOrder_WithStatusAndItsStyle()
    {
        var cut = RenderCards(Oura, Garmin, Apple, Strange);

        var cards = cut.FindAll("article.connection-card");
        Assert.Equal(["oura", "garmin", "apple_health_kit", "polar"], cards.Select(c => c.GetAttribute("data-provider")));
        Assert.Equal(["connected", "error", "paused", "sleeping"], cards.Select(c => c.GetAttribute("data-status")));
        Assert.Equal(["connection-connected", "connection-error", "connection-paused", "connection-unknown"],
            cards.Select(c => c.ClassList.Single(n => n.StartsWith("connection-", StringComparison.Ordinal) && n != "connection-card")));
        Assert.Equal(["Oura", "Garmin", "Apple HealthKit", "Polar"], cards.Select(c => c.QuerySelector("h3")!.TextContent));
        Assert.Equal("Connected", Markup.Text(cards[0].QuerySelector(".connection-status")!.TextContent));
        Assert.Equal("Connection broken", Markup.Text(cards[1].QuerySelector(".connection-status")!.TextContent));
        Assert.Equal("Paused", Markup.Text(cards[2].QuerySelector(".connection-status")!.TextContent));
        // The status's icon beside its words, hidden from screen readers.
        Assert.All(cards, c => Assert.Equal("true", c.QuerySelector(".connection-status svg")!.GetAttribute("aria-hidden")));
    }

    [Fact]
    public void Render_BrokenConnection_SaysWhatBrokeSinceWhenVitalsMessageAndTheDeniedScopes()
    {
        var cut = RenderCards(Garmin);

        var error = cut.Find("article .connection-error");
        Assert.Equal(
            "Garmin no longer accepts Vital's access to the user's account (the user revoked it, changed their password, or the access expired), since 2026-03-02 12:00 UTC.",
            Markup.Text(error.TextContent));
        Assert.StartsWith("Garmin no longer accepts", error.QuerySelector("b")!.TextContent, StringComparison.Ordinal);
        var since = error.QuerySelector("time.time-text")!;
        Assert.Equal(Broken.ToString("o", System.Globalization.CultureInfo.InvariantCulture), since.GetAttribute("datetime"));
        Assert.Equal(Broken.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture), since.GetAttribute("title"));
        // Upstream text is text, never markup.
        Assert.Equal("Token <expired>", cut.Find(".connection-message q").TextContent);
        Assert.Equal("Vital's message: Token <expired>", Markup.Text(cut.Find(".connection-message").TextContent));
        Assert.Equal("Blocked because the user denied permissions: sleep (needs SLEEP_READ, HEALTH_EXPORT); body",
            Markup.Text(cut.Find("[data-testid=denied-scopes]").TextContent));
        Assert.Equal(["SLEEP_READ", "HEALTH_EXPORT"], cut.FindAll("[data-testid=denied-scopes] code").Select(c => c.TextContent));
    }

    [Fact]
    public void Render_Facts_WhenConnectedAndTheProvidersIdForTheUser()
    {
        var cut = RenderCards(Oura, Garmin, Apple);

        string[] Facts(int card) => cut.FindAll("article.connection-card")[card].QuerySelectorAll(".connection-facts dt, .connection-facts dd")
            .Select(e => Markup.Text(e.TextContent)).ToArray();
        Assert.Equal(["Connected", "2025-11-24 12:00 UTC", "Oura's id for the user", "oura-<7>"], Facts(0));
        Assert.Equal("oura-<7>", cut.Find("article[data-provider=oura] .connection-facts code").TextContent);
        Assert.Equal(Connected.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            cut.Find("article[data-provider=oura] .connection-facts time").GetAttribute("datetime"));
        // Unknown: a dash. A provider whose data comes from the phone has no id of its own for the user.
        Assert.Equal(["Connected", "–", "Garmin's id for the user", "–"], Facts(1));
        Assert.Equal(["Connected", "–", "Apple HealthKit's id for the user", "none: the data comes from the user's phone"], Facts(2));
    }

    [Fact]
    public void Render_ErrorTypeThisVersionDoesNotKnow_QuotedWithANote_AndNoSinceWithoutATime()
    {
        var cut = RenderCards(Strange);

        Assert.Equal("'quota_exceeded' (an error type this dashboard does not know yet).", Markup.Text(cut.Find("article .connection-error").TextContent));
        Assert.Empty(cut.FindAll("article .connection-error time"));
        Assert.Empty(cut.FindAll(".connection-message"));
        Assert.Empty(cut.FindAll("[data-testid=denied-scopes]"));
    }

    [Fact]
    public void Render_TimeModeChanged_TheCardsFollowWhenThePageRendersAgain()
    {
        var cut = RenderCards(Garmin);
        Assert.Equal("2026-03-02 12:00 UTC", cut.Find("article .connection-error time").TextContent);

        Services.GetRequiredService<Dashboard.Web.Ui.TimeDisplay>().SetMode(Dashboard.Web.Ui.TimeDisplayMode.Relative);
        cut.Render();

        Assert.Equal("2 days ago", cut.Find("article .connection-error time").TextContent);
    }

    [Fact]
    public void Render_Again_TheSameCardsUntilTheTimesChange()
    {
        // The two render trees an open page keeps share the cards' markup only when each render hands over the same strings.
        var cut = RenderCards(Oura, Garmin);
        var cards = cut.Instance.Cards();

        cut.Render();
        Assert.Same(cards, cut.Instance.Cards());
        Assert.Equal(2, cards.Length);

        Services.GetRequiredService<Dashboard.Web.Ui.TimeDisplay>().SetMode(Dashboard.Web.Ui.TimeDisplayMode.Relative);
        Assert.NotSame(cards, cut.Instance.Cards());
    }

    [Fact]
    public void Render_NoConnections_SaysSo()
    {
        var cut = RenderCards();

        Assert.Equal("The user has no connected source.", cut.Find("[data-testid=no-connections]").TextContent);
        Assert.Empty(cut.FindAll("article"));
    }
}
