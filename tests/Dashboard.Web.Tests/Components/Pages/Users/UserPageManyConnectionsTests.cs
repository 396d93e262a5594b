using Bunit;
using Dashboard.Diagnosis;
using Dashboard.Web.Components.Pages.Users;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using static Dashboard.Web.Tests.Support.TestPulls;

namespace Dashboard.Web.Tests.Components.Pages.Users;

/// <summary>A user with 12 connections and 80 resources still reads well: one card per connection, few findings, one tab per provider.</summary>
public sealed class UserPageManyConnectionsTests : DashboardContext
{
    private static readonly string[] Providers =
    [
        "apple_health_kit", "dexcom_v3", "fitbit", "garmin", "google_fit", "health_connect", "oura", "peloton", "polar", "strava", "whoop_v2", "withings",
    ];

    /// <summary>12 providers, 80 resources between them (the first eight providers 7 each, the last four 6), two connections broken, data stale on three.</summary>
    private static UserSources Heavy()
    {
        var pulls = User(1);
        var ongoing = new Dictionary<ProviderSlug, IReadOnlyDictionary<ResourceName, ResourceFreshness>>();
        var connections = new List<ProviderConnection>();
        var total = 0;
        for (var p = 0; p < Providers.Length; p++)
        {
            var provider = Providers[p];
            var count = p < 8 ? 7 : 6;
            var fresh = new Dictionary<ResourceName, ResourceFreshness>();
            for (var r = 0; r < count; r++)
            {
                var resource = $"resource_{r:00}";
                pulls.Pull(provider, resource, r == 0 && p == 3 ? "failure" : "success");
                fresh[new ResourceName(resource)] = new ResourceFreshness
                {
                    NewestData = Now - (p is 2 or 6 or 9 ? TimeSpan.FromDays(6) : TimeSpan.FromHours(2)),
                    LastAttempt = new LastAttempt(Now.AddMinutes(-20), AttemptStatus.Success),
                };
                total++;
            }

            ongoing[new ProviderSlug(provider)] = fresh;
            connections.Add(new ProviderConnection
            {
                Provider = new ProviderSlug(provider),
                Status = p is 4 or 10 ? ConnectionStatus.Error : ConnectionStatus.Connected,
                Error = p is 4 or 10 ? new ConnectionError { Type = ConnectionErrorType.TokenRefreshFailed, ErroredAt = Now.AddDays(-1) } : null,
                CreatedOn = Now.AddDays(-100),
                ExternalUserId = $"ext-{p}",
            });
        }

        Assert.Equal(80, total);
        return FakeDiagnosisService.Derived(pulls.Build()) with
        {
            Connections = SourceRead<IReadOnlyList<ProviderConnection>>.Ok(connections),
            Resources = SourceRead<UserResources>.Ok(new UserResources { UserId = Id(1), Providers = ongoing }),
        };
    }

    [Fact]
    public void Open_TwelveConnectionsEightyResources_OneCardEachAFewFindingsOneTabPerProvider()
    {
        Diagnoses.Returns(Heavy());
        OpenAt($"/users/{Id(1)}");

        var cut = Render<UserPage>(p => p.Add(c => c.UserId, Id(1)));

        Assert.Equal(12, cut.FindAll("[data-testid=connections] article.connection-card").Count);
        Assert.Equal(2, cut.FindAll("[data-testid=connections] article[data-status=error]").Count);
        var codes = cut.FindAll("[data-testid=findings] [data-code]").Select(f => f.GetAttribute("data-code")).ToList();
        // Per provider, not per resource: two broken connections, one failed pull, three providers with stale data.
        Assert.Equal(["connection_error", "connection_error", "pull_failed", "data_stale", "data_stale", "data_stale"], codes);
        Assert.Equal(12, cut.FindAll("[data-testid=provider-tabs] [role=tab]").Count);
        Assert.Equal("2 connection errors, 1 failed pull, 3 providers with stale data", Markup.Text(cut.Find("[data-testid=headline]").TextContent));
        // The open tab's table: that provider's resources only.
        Assert.InRange(cut.FindAll(".provider-resources tbody tr[data-key]").Count, 6, 7);
    }
}
