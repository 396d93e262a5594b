using Dashboard.Web.Data.Team;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Data.Team;

/// <summary>
/// The largest provider's walk decides how long a per-provider scan takes, so it starts at once: after a scan
/// from the recorded sizes, and on the very first scan (no sizes yet) from a one-page sample of the team.
/// </summary>
public sealed class FirstScanOrderTests
{
    [Fact]
    public async Task FirstScan_SamplesOnePage_ThenStartsTheMostSampledProviderNext()
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 1_000, Seed = 3 }, TimeProvider.System);
        var recorder = new Recorder();
        await using var services = Build(simulator, recorder, concurrency: 2);
        var scanner = services.GetRequiredService<PerProviderTeamScanner>();
        Assert.False(services.GetRequiredService<ProviderDiscovery>().HasSizes);

        var users = await ScanAsync(scanner);

        var starts = recorder.WalkStarts();
        var sample = recorder.Queries.Where(q => !q.Contains("provider=", StringComparison.Ordinal)).ToList();
        Assert.All(sample, q => Assert.StartsWith(PullsPath, q, StringComparison.Ordinal));
        Assert.Single(sample);
        var mostSampled = await MostSampledAsync(simulator);
        Assert.Equal(mostSampled, starts[0]);
        Assert.Equal(scanner.ScopeCount, starts.Count);
        Assert.Equal(starts.Count, starts.Distinct().Count());
        Assert.Equal(UsersOnKnownProviders(simulator), users.Count);
    }

    [Fact]
    public async Task FirstScan_NoWalkStartsBeforeTheSampleIsAnswered()
    {
        // Slots enough for every provider's walks at once: before, all but one started the spec's first walks while the
        // sample was out, and the most-sampled provider waited for a slot to come free.
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 1_000, Seed = 3 }, TimeProvider.System);
        var recorder = new Recorder(holdFirstFor: TimeSpan.FromMilliseconds(300));
        await using var services = Build(simulator, recorder, concurrency: 16);
        var scanner = services.GetRequiredService<PerProviderTeamScanner>();
        var mostSampled = await MostSampledAsync(simulator);

        await ScanAsync(scanner);

        Assert.DoesNotContain("provider=", recorder.Queries[0], StringComparison.Ordinal);
        Assert.Equal(0, recorder.ArrivedWhileFirstHeld);
        Assert.Equal(scanner.ScopeCount, recorder.WalkStarts().Count);
        Assert.Contains(mostSampled, recorder.WalkStarts().Take(8));
    }

    [Fact]
    public async Task FirstScan_ASampleSlowerThanTheSampleWait_HoldsNoWalkLonger()
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 300, Seed = 5 }, TimeProvider.System);

        // The sample is answered only once another request arrives (10 s at most): the walks must start without it.
        var recorder = new Recorder(holdFirstUntilSecond: true);
        await using var services = Build(simulator, recorder, concurrency: 3);
        var scanner = services.GetRequiredService<PerProviderTeamScanner>();

        var users = await ScanAsync(scanner);

        Assert.DoesNotContain("provider=", recorder.Queries[0], StringComparison.Ordinal);
        Assert.True(recorder.SecondArrivedWhileFirstHeld, "no walk started while the sample was unanswered: the walks waited for it past SampleWait");
        Assert.Equal(scanner.ScopeCount, recorder.WalkStarts().Count);
        Assert.Equal(UsersOnKnownProviders(simulator), users.Count);
    }

    [Fact]
    public async Task LaterScan_WithRecordedSizes_StartsLargestFirstWithoutASample()
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 1_000, Seed = 3 }, TimeProvider.System);
        var recorder = new Recorder();
        await using var services = Build(simulator, recorder, concurrency: 2);
        var discovery = services.GetRequiredService<ProviderDiscovery>();
        discovery.RecordSizes(simulator.Team.UsersPerProvider);
        Assert.True(discovery.HasSizes);

        await ScanAsync(services.GetRequiredService<PerProviderTeamScanner>());

        Assert.All(recorder.Queries, q => Assert.Contains("provider=", q, StringComparison.Ordinal));
        // Both slots start at once, so the two largest walks may reach the upstream in either order.
        var largest = simulator.Team.UsersPerProvider.Keys.Where(p => new ProviderSlug(p).IsKnown).Take(2);
        Assert.Equal(largest.Order(StringComparer.Ordinal), recorder.WalkStarts().Take(2).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FirstScan_WhenTheSampleFails_StillReadsEveryProvider()
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 300, Seed = 5 }, TimeProvider.System);
        var recorder = new Recorder(failUnfiltered: true);
        await using var services = Build(simulator, recorder, concurrency: 3);
        var scanner = services.GetRequiredService<PerProviderTeamScanner>();

        var users = await ScanAsync(scanner);

        Assert.Equal(scanner.ScopeCount, recorder.WalkStarts().Count);
        Assert.Equal(UsersOnKnownProviders(simulator), users.Count);
    }

    [Fact]
    public async Task Scan_EachProvidersTwoWalks_StartSideBySide_AndTheProviderIsDoneAfterBoth()
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 300, Seed = 5 }, TimeProvider.System);

        // The first request is held until a second one is in flight: a walk of one page can otherwise end, and its slot
        // start the next provider, before the other slot's first request is sent (seen once in CI).
        var recorder = new Recorder(holdFirstUntilSecond: true);
        await using var services = Build(simulator, recorder, concurrency: 2);
        var discovery = services.GetRequiredService<ProviderDiscovery>();
        discovery.RecordSizes(simulator.Team.UsersPerProvider);
        var scanner = services.GetRequiredService<PerProviderTeamScanner>();
        var ongoing = new HashSet<string>(StringComparer.Ordinal);
        var done = new List<(string Provider, int QueriesSoFar)>();
        var reports = new ScopeReports(provider => done.Add((provider!.Value.Value, recorder.Queries.Count)));

        await foreach (var batch in scanner.ScanAsync(reports, TestContext.Current.CancellationToken))
        {
            ongoing.UnionWith(batch.Ongoing.Select(u => u.UserId));
        }

        var pullStarts = recorder.WalkStarts();
        var resourceStarts = recorder.WalkStarts(ResourcesPath);
        Assert.Equal(pullStarts.Order(StringComparer.Ordinal), resourceStarts.Order(StringComparer.Ordinal));

        // Both slots start at once on the largest provider: its pulls and its ongoing data side by side.
        Assert.True(recorder.SecondArrivedWhileFirstHeld, "the second request came only after the first one ended: the walks did not start side by side");
        var largest = discovery.ScanList()[0].Value;
        var order = recorder.Queries.ToList();
        var firstWalks = order.Where(q => !q.Contains("next_cursor=", StringComparison.Ordinal)).Take(2).ToList();
        Assert.All(firstWalks, q => Assert.Contains("provider=" + largest + "&", q + "&", StringComparison.Ordinal));
        Assert.Equal([PullsPath, ResourcesPath], firstWalks.Select(q => q[..(q.IndexOf('?', StringComparison.Ordinal) + 1)]).Order(StringComparer.Ordinal));

        // Each provider is reported done once, and only when neither of its walks asks for anything more.
        Assert.Equal(scanner.ScopeCount, done.Count);
        Assert.Equal(done.Count, done.Select(d => d.Provider).Distinct().Count());
        Assert.All(done, d => Assert.DoesNotContain(order.Skip(d.QueriesSoFar), q => (q + "&").Contains("provider=" + d.Provider + "&", StringComparison.Ordinal)));
        var scanned = discovery.ScanList().Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(simulator.Team.UsersWithConnections.Count(id => simulator.Team.ProvidersOf(id).Any(scanned.Contains)), ongoing.Count);
    }

    [Fact]
    public async Task Scan_ScanResourcesOff_WalksNoOngoingData()
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = 100, Seed = 5 }, TimeProvider.System);
        var recorder = new Recorder();
        await using var services = SimulatedTeamServices.PerProviderScanner(
            simulator, 2, () => new RecordingHandler(recorder), ("Vital:Resilience:MaxRetryAttempts", "0"), ("Vital:ScanResources", "false"));

        await ScanAsync(services.GetRequiredService<PerProviderTeamScanner>());

        Assert.NotEmpty(recorder.Queries);
        Assert.All(recorder.Queries, q => Assert.StartsWith(PullsPath, q, StringComparison.Ordinal));
    }

    private const string PullsPath = "/v2/introspect/historical_pull?";
    private const string ResourcesPath = "/v2/introspect/resources?";

    private static async Task<HashSet<string>> ScanAsync(PerProviderTeamScanner scanner)
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var batch in scanner.ScanAsync(new Progress<ProviderSlug?>(), TestContext.Current.CancellationToken))
        {
            users.UnionWith(batch.Users.Select(u => u.UserId));
        }

        return users;
    }

    /// <summary>The provider most users of the team's first page have (ties: the spec's order), as the scanner should rank it.</summary>
    /// <summary>Users a per-provider scan reads: those with pulls on at least one provider the spec lists.</summary>
    private static int UsersOnKnownProviders(VitalSimulator simulator) =>
        simulator.Team.UsersWithPulls.Count(id => simulator.Team.ProvidersOf(id).Any(p => new ProviderSlug(p).IsKnown));

    private static async Task<string> MostSampledAsync(VitalSimulator simulator)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://vital.invalid/v2/introspect/historical_pull?user_limit=50");
        request.Headers.Add(VitalSimulator.ApiKeyHeader, "test");
        using var response = await simulator.HandleAsync(request, TestContext.Current.CancellationToken);
        var page = HistoricalPullParser.Parse(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var counts = page.Users.SelectMany(u => u.Providers.Keys).GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Count());
        return ProviderSlug.Known.Select(p => p.Value).OrderByDescending(p => counts.GetValueOrDefault(p)).First();
    }

    private static ServiceProvider Build(VitalSimulator simulator, Recorder recorder, int concurrency) =>
        SimulatedTeamServices.PerProviderScanner(
            simulator, concurrency, () => new RecordingHandler(recorder), ("Vital:Resilience:MaxRetryAttempts", "0"));

    /// <summary>
    /// Every query sent upstream, in order; optionally answers unfiltered requests (the sample) with 503, holds the
    /// first request until a second one arrives (10 s at most), or holds it a fixed time and counts what arrives meanwhile.
    /// </summary>
    private sealed class Recorder(bool failUnfiltered = false, bool holdFirstUntilSecond = false, TimeSpan holdFirstFor = default)
    {
        private readonly List<string> _queries = [];
        private readonly TaskCompletionSource _second = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool FailUnfiltered => failUnfiltered;

        /// <summary>A second request arrived while the first was held (false when it was let go after the 10 s).</summary>
        public bool SecondArrivedWhileFirstHeld { get; private set; }

        /// <summary>Requests that arrived while the first was held for <c>holdFirstFor</c>.</summary>
        public int ArrivedWhileFirstHeld { get; private set; }

        /// <summary>The first request waits here when holding; every other returns at once.</summary>
        public async Task WaitIfFirstAsync(int index, CancellationToken cancellationToken)
        {
            if (holdFirstUntilSecond && index == 0)
            {
                SecondArrivedWhileFirstHeld = await Task.WhenAny(_second.Task, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)) == _second.Task;
            }

            if (holdFirstFor > TimeSpan.Zero && index == 0)
            {
                await Task.Delay(holdFirstFor, cancellationToken);
                ArrivedWhileFirstHeld = Queries.Count - 1;
            }
        }

        public IReadOnlyList<string> Queries
        {
            get
            {
                lock (_queries)
                {
                    return [.. _queries];
                }
            }
        }

        /// <summary>Records the query; its position in the order.</summary>
        public int Add(string query)
        {
            lock (_queries)
            {
                _queries.Add(query);
                if (_queries.Count == 2)
                {
                    _second.TrySetResult();
                }

                return _queries.Count - 1;
            }
        }

        /// <summary>Providers in the order their walks of <paramref name="path"/> started (the first page: a provider and no cursor).</summary>
        public List<string> WalkStarts(string path = PullsPath) => Queries
            .Where(q => q.StartsWith(path, StringComparison.Ordinal) && q.Contains("provider=", StringComparison.Ordinal) && !q.Contains("next_cursor=", StringComparison.Ordinal))
            .Select(q => q[(q.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&').First(p => p.StartsWith("provider=", StringComparison.Ordinal))["provider=".Length..])
            .ToList();
    }

    private sealed class RecordingHandler(Recorder recorder) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = request.RequestUri!.Query.TrimStart('?');
            var index = recorder.Add(request.RequestUri.AbsolutePath + "?" + query);
            if (recorder.FailUnfiltered && !query.Contains("provider=", StringComparison.Ordinal))
            {
                return new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { Content = new StringContent("{\"detail\":\"down\"}") };
            }

            await recorder.WaitIfFirstAsync(index, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
