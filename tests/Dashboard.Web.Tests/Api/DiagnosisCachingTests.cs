using System.Net;
using System.Text.Json;
using Dashboard.Web.Tests.Support;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// The diagnosis endpoints read through the shared cache: within <c>Vital:CacheSeconds</c> a user costs one upstream
/// call per source, whichever endpoint or id spelling asks; <c>?refresh=true</c> asks again. Each test uses its own user so
/// that no test sees another's cache entry.
/// </summary>
public sealed class DiagnosisCachingTests(DemoDashboard dashboard) : IClassFixture<DemoDashboard>
{
    /// <summary>A diagnosis reads four sources: the user, the connections, the historical pulls and the ongoing data.</summary>
    private const int OneCallPerSource = 4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Diagnosis_SecondRequestWithinCacheSeconds_MakesNoUpstreamCall()
    {
        var userId = dashboard.UserOf(ScenarioNames.StuckInProgress);
        var before = dashboard.Simulator.RequestCount;

        var first = await AsOfAsync($"/api/users/{userId}/diagnosis");
        var second = await AsOfAsync($"/api/users/{userId}/diagnosis");
        var third = await AsOfAsync($"/api/users/{userId}/diagnosis?refresh=false");

        Assert.Equal(OneCallPerSource, dashboard.Simulator.RequestCount - before);
        Assert.Equal(first, second);
        Assert.Equal(first, third);
    }

    [Fact]
    public async Task Diagnosis_RefreshTrue_CallsTheUpstreamAgainAndLaterRequestsSeeTheFreshAnswer()
    {
        var userId = dashboard.UserOf(ScenarioNames.InProgressRecent);
        var first = await AsOfAsync($"/api/users/{userId}/diagnosis");
        var before = dashboard.Simulator.RequestCount;

        var refreshed = await AsOfAsync($"/api/users/{userId}/diagnosis?refresh=true");
        var after = await AsOfAsync($"/api/users/{userId}/diagnosis");

        Assert.Equal(OneCallPerSource, dashboard.Simulator.RequestCount - before);
        Assert.True(refreshed > first, $"refreshed {refreshed:o} is not after {first:o}");
        Assert.Equal(refreshed, after);
    }

    [Fact]
    public async Task DiagnosisMarkdown_AfterTheJson_UsesTheSameCacheEntry()
    {
        var userId = dashboard.UserOf(ScenarioNames.SuccessNoData);
        var before = dashboard.Simulator.RequestCount;

        await AsOfAsync($"/api/users/{userId}/diagnosis");
        using var markdown = await dashboard.Client.GetAsync($"/api/users/{userId}/diagnosis.md", Ct);

        Assert.Equal(HttpStatusCode.OK, markdown.StatusCode);
        Assert.Equal(OneCallPerSource, dashboard.Simulator.RequestCount - before);
    }

    [Fact]
    public async Task DiagnosisMarkdown_RefreshTrue_CallsTheUpstreamAgain()
    {
        var userId = dashboard.UserOf(ScenarioNames.TimelineOutOfOrder);
        using var first = await dashboard.Client.GetAsync($"/api/users/{userId}/diagnosis.md", Ct);
        var before = dashboard.Simulator.RequestCount;

        using var second = await dashboard.Client.GetAsync($"/api/users/{userId}/diagnosis.md?refresh=true", Ct);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(OneCallPerSource, dashboard.Simulator.RequestCount - before);
    }

    [Fact]
    public async Task Diagnosis_SameUserSpelledDifferently_IsOneCacheEntry()
    {
        var userId = dashboard.UserOf(ScenarioNames.SuccessWithoutEndedAt);
        var before = dashboard.Simulator.RequestCount;

        var lower = await AsOfAsync($"/api/users/{userId}/diagnosis");
        var upper = await AsOfAsync($"/api/users/{userId.ToUpperInvariant()}/diagnosis");
        var braced = await AsOfAsync($"/api/users/{Uri.EscapeDataString("{" + userId + "}")}/diagnosis");

        Assert.Equal(OneCallPerSource, dashboard.Simulator.RequestCount - before);
        Assert.Equal(lower, upper);
        Assert.Equal(lower, braced);
    }

    [Fact]
    public async Task Diagnosis_UnknownUser_AnswerIsCachedToo()
    {
        var userId = Guid.NewGuid().ToString();
        var before = dashboard.Simulator.RequestCount;

        await AsOfAsync($"/api/users/{userId}/diagnosis");
        await AsOfAsync($"/api/users/{userId}/diagnosis");

        Assert.Equal(OneCallPerSource, dashboard.Simulator.RequestCount - before);
    }

    [Theory]
    [InlineData("diagnosis")]
    [InlineData("diagnosis.md")]
    public async Task Diagnosis_RefreshThatIsNotABoolean_Is400ProblemWithoutAnUpstreamCall(string endpoint)
    {
        var userId = dashboard.UserOf(ScenarioNames.Healthy);
        var before = dashboard.Simulator.RequestCount;

        using var response = await dashboard.Client.GetAsync($"/api/users/{userId}/{endpoint}?refresh=maybe", Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("refresh", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, dashboard.Simulator.RequestCount);
    }

    [Fact]
    public async Task Diagnosis_CacheSecondsZero_EveryRequestAsksTheUpstream()
    {
        await using var fixture = new NoCacheDashboard();
        var userId = fixture.UserOf(ScenarioNames.Healthy);

        for (var i = 0; i < 3; i++)
        {
            using var response = await fixture.Client.GetAsync($"/api/users/{userId}/diagnosis", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(3 * OneCallPerSource, fixture.Simulator.RequestCount);
    }

    private sealed class NoCacheDashboard() : DemoDashboard(new Dictionary<string, string?> { ["Vital:CacheSeconds"] = "0" });

    private async Task<DateTimeOffset> AsOfAsync(string path)
    {
        using var response = await dashboard.Client.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return ApiAssert.UtcTime(JsonDocument.Parse(body).RootElement.GetProperty("asOf").GetString());
    }
}
