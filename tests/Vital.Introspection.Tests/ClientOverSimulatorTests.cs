using Microsoft.Extensions.Time.Testing;
using Vital.Introspection.Tests.Support;
using Vital.Simulator;

namespace Vital.Introspection.Tests;

/// <summary>The real client against the simulated team, which answers as the upstream does (quirks included).</summary>
public sealed class ClientOverSimulatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 50)]
    [InlineData(1, 50)]
    [InlineData(49, 50)]
    [InlineData(50, 50)]
    [InlineData(51, 50)]
    [InlineData(51, 7)]
    [InlineData(10_000, 50)]
    public async Task GetAllUsers_AnyTeamSize_VisitsEveryUserWithPullsExactlyOnce(int users, int userLimit)
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = users, Seed = 11 }, new FakeTimeProvider(Now));
        await using var services = ClientFactory.Build(new VitalSimulatorHandler(simulator), new Dictionary<string, string?> { ["Vital:UserLimit"] = userLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var seen = new List<string>();
        var pages = 0;
        await foreach (var page in services.Client().GetPagesAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            pages++;
            Assert.True(page.Users.Count <= userLimit);
            seen.AddRange(page.Users.Select(u => u.UserId));
        }

        var expected = simulator.Team.UserIds.Where(simulator.Team.HasPulls).ToList();
        Assert.Equal(expected.Count, seen.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(Math.Max(1, (int)Math.Ceiling(users / (double)userLimit)), pages);
        Assert.DoesNotContain(simulator.RecentRequestQueries, q => q.Split('&').Any(p => p.StartsWith("cursor=", StringComparison.Ordinal) || p.StartsWith("?cursor=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetAllUsers_ProviderFilter_ReturnsOnlyThatProvidersPullsForItsUsers()
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 400, Seed = 3 }, new FakeTimeProvider(Now));
        await using var services = ClientFactory.Build(new VitalSimulatorHandler(simulator));

        var users = new List<UserHistoricalPulls>();
        await foreach (var user in services.Client().GetAllUsersAsync(ProviderSlug.Oura, cancellationToken: TestContext.Current.CancellationToken))
        {
            users.Add(user);
        }

        Assert.NotEmpty(users);
        Assert.All(users, u => Assert.Equal([ProviderSlug.Oura], u.Providers.Keys));
        Assert.Equal(simulator.Team.UserIds.Count(id => simulator.Team.HasPulls(id) && simulator.Team.ProvidersOf(id).Contains("oura")), users.Count);
    }

    [Fact]
    public async Task GetUser_EveryScenario_ParsesWithoutErrorAndKeepsUnknownValues()
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 100, Seed = 5 }, new FakeTimeProvider(Now));
        await using var services = ClientFactory.Build(new VitalSimulatorHandler(simulator));

        foreach (var (scenario, userId) in simulator.Team.Scenarios)
        {
            var user = await services.Client().GetUserAsync(userId, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(userId, user.UserId);
            if (scenario == "no_pulls")
            {
                Assert.Empty(user.Providers);
            }
            else
            {
                Assert.NotEmpty(user.Providers);
            }
        }

        var unknown = await services.Client().GetUserAsync(simulator.Team.Scenarios["unknown_status"], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(unknown.Providers.Values.SelectMany(p => p.Pulled.Values), p => !p.Status.IsKnown);
        var future = await services.Client().GetUserAsync(simulator.Team.Scenarios["unknown_provider"], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(future.Providers.Keys, p => !p.IsKnown);
    }

    [Fact]
    public async Task GetUser_NotAUuid_IsValidationErrorFromTheUpstreamWithItsDetail()
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 10 }, new FakeTimeProvider(Now));
        await using var services = ClientFactory.Build(new VitalSimulatorHandler(simulator));

        var error = await Assert.ThrowsAsync<VitalApiException>(() => services.Client().GetUserAsync("not-a-uuid", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(VitalErrorKind.Validation, error.Kind);
        Assert.Equal("query.user_id", Assert.Single(error.ValidationErrors).Location);
        Assert.Equal(1, simulator.RequestCount);
    }

    [Theory]
    [InlineData("ServerErrorRate", VitalErrorKind.Unavailable)]
    [InlineData("UnavailableRate", VitalErrorKind.Unavailable)]
    [InlineData("RateLimitRate", VitalErrorKind.RateLimited)]
    [InlineData("MalformedRate", VitalErrorKind.MalformedResponse)]
    [InlineData("HtmlErrorRate", VitalErrorKind.Unavailable)]
    [InlineData("DisconnectRate", VitalErrorKind.Network)]
    public async Task GetPage_InjectedFault_BecomesTheMatchingErrorKindAfterRetries(string fault, VitalErrorKind expected)
    {
        var faults = new SimulatorFaultOptions { RetryAfterSeconds = 0 };
        typeof(SimulatorFaultOptions).GetProperty(fault)!.SetValue(faults, 1.0);
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 10, Faults = faults }, TimeProvider.System);
        await using var services = ClientFactory.Build(new VitalSimulatorHandler(simulator), new Dictionary<string, string?> { ["Vital:Resilience:MaxRetryAttempts"] = "2" });

        var error = await Assert.ThrowsAsync<VitalApiException>(() => services.Client().GetPageAsync(new HistoricalPullPageRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(expected, error.Kind);
        Assert.Equal(3, simulator.RequestCount); // a truncated body is retried like the rest (its kind stays distinct)
    }
}
