using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dashboard.EndToEnd.Tests.Browser;

namespace Dashboard.EndToEnd.Tests.Upstream;

/// <summary>
/// The dashboard as a real process, started as an operator would against any server that speaks the upstream
/// contract (<c>Vital__ApiKey</c>, <c>Vital__BaseUrl</c>, <c>Auth__Mode=None</c>, <c>Auth__AllowAnonymous=true</c>),
/// here <see cref="ContractServer"/>, which shares no code or habit with the simulator: the home page lists that
/// server's users and pages through it as the contract says. What a script gets for each user is in
/// <see cref="WholeDiagnosisContractTests"/>, which shares this server and process.
/// </summary>
[Collection(ContractServerCollection.Name)]
public sealed class ContractServerTests(ContractServerTests.Running running)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HomePage_ListsEveryUserOfThatServer()
    {
        var html = await WholeTeamListedAsync();

        Assert.Equal(ContractTeam.Members.Count, RowCount(html));
        Assert.DoesNotContain("Demo data", html, StringComparison.Ordinal);
        var csv = await running.Dashboard.GetStringAsync(new Uri("/api/users.csv", UriKind.Relative), Ct);
        Assert.All(ContractTeam.Members, id => Assert.Contains(id, csv, StringComparison.Ordinal));
        Assert.DoesNotContain(csv.Split('\n'), line => line.StartsWith(','));
        Assert.Contains("acme_ring", csv, StringComparison.Ordinal);
        Assert.Contains("paused", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserAndProviderPages_ShowTheUnknownProviderAndStatusVerbatim()
    {
        var user = await running.Dashboard.GetStringAsync(new Uri($"/users/{ContractTeam.UnknownProviderAndStatus}", UriKind.Relative), Ct);
        var provider = await running.Dashboard.GetAsync(new Uri("/providers/acme_ring", UriKind.Relative), Ct);

        Assert.Contains("acme_ring", user, StringComparison.Ordinal);
        Assert.Contains("paused", user, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, provider.StatusCode);
    }

    [Fact]
    public async Task MalformedUserId_NeitherPageNorApiAsksTheServer()
    {
        var before = running.Server.Requests.Count;

        using var api = await running.Dashboard.GetAsync(new Uri("/api/users/not-a-uuid/diagnosis", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.DoesNotContain(running.Server.Requests.Skip(before), r => r.RawTarget.Contains("not-a-uuid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryRequest_CarriesTheKey_PagesByNextCursor_NeverFollowsNextOrSendsCursor()
    {
        // The discovery walk (a plain walk of every page) has been made once the page lists the whole team.
        Assert.Equal(ContractTeam.Members.Count, RowCount(await WholeTeamListedAsync()));
        var requests = running.Server.Requests.ToList();

        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.True(r.KeyMatched, $"{r.Method} {r.RawTarget} came without the key"));
        Assert.All(requests, r => Assert.True(
            r.Path is ContractServer.PullsPath or ContractServer.ResourcesPath || r.Path.StartsWith(ContractServer.UserPrefix, StringComparison.Ordinal),
            $"{r.Method} {r.RawTarget} is no endpoint of the contract (a deprecated next link followed?)"));
        Assert.DoesNotContain(requests, r => Regex.IsMatch(r.Query, @"[?&]cursor="));
        Assert.DoesNotContain(requests, r => r.Query.Contains("next_cursor=None", StringComparison.Ordinal));
        var pulls = requests.Where(r => r.Path == ContractServer.PullsPath).ToList();
        var cursors = pulls.Select(r => System.Web.HttpUtility.ParseQueryString(r.Query)["next_cursor"]).OfType<string>().ToList();
        Assert.NotEmpty(cursors);
        Assert.All(cursors, c => Assert.True(running.Server.IssuedCursors.ContainsKey(c), $"next_cursor {c} was never handed out"));
        // The resources introspection has cursors of its own: one of the pulls' is never sent there (nor the reverse).
        var resourceCursors = requests.Where(r => r.Path == ContractServer.ResourcesPath)
            .Select(r => System.Web.HttpUtility.ParseQueryString(r.Query)["next_cursor"]).OfType<string>().ToList();
        Assert.All(resourceCursors, c => Assert.True(running.Server.IssuedResourceCursors.ContainsKey(c), $"resources next_cursor {c} was never handed out"));
        // The plain walk (the discovery walk) read every page: 20 entries, 2 a page.
        Assert.Contains(pulls, r => !r.Query.Contains("provider=", StringComparison.Ordinal) && !r.Query.Contains("user_id=", StringComparison.Ordinal)
            && r.Query.Contains("next_cursor=", StringComparison.Ordinal));
    }

    /// <summary>
    /// The home page once it counts the whole team (or after 30 s). The first scan reads the known providers; the
    /// discovery walk then finds the provider no spec lists and rescans, so the count settles within seconds.
    /// </summary>
    private async Task<string> WholeTeamListedAsync()
    {
        var html = string.Empty;
        for (var attempt = 0; attempt < 120 && RowCount(html) != ContractTeam.Members.Count; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(250, Ct);
            }

            html = await running.Dashboard.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        }

        return html;
    }

    private static int RowCount(string html)
    {
        var match = Regex.Match(html, @"data-testid=""row-count""[^>]*>\s*([\d,]+)\s*users?");
        return match.Success ? int.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : -1;
    }

    /// <summary>
    /// The contract server and the dashboard process pointed at it, shared by the tests of
    /// <see cref="ContractServerCollection"/>. The team's times are relative to the moment the server starts, which is
    /// also the server's fixed clock; the dashboard reads the real clock, so "14 hours ago" stays 14 hours ago (give or
    /// take the run's minutes).
    /// </summary>
    public class Running : IAsyncLifetime
    {
        /// <summary>A sandbox key of the US region: the diagnosis says <c>sandbox</c> and <c>us</c>.</summary>
        private const string ApiKey = "sk_us_contract_server_test_key_0123456789";
        private AppProcess? _dashboard;
        private string? _sandbox;

        internal ContractServer Server { get; private set; } = null!;

        /// <summary>What the server holds, for tests that compare the dashboard's answer with it.</summary>
        internal ContractTeamData Data { get; private set; } = null!;

        /// <summary>The server's fixed clock, the moment it started.</summary>
        internal DateTimeOffset Now { get; private set; }

        public HttpClient Dashboard { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            Now = DateTimeOffset.UtcNow;
            Data = ContractTeam.Build(Now);
            Server = await ContractServer.StartAsync(Data, ApiKey, Now, startup.Token);
            Prepare(Server);
            _sandbox = Directory.CreateTempSubdirectory("dashboard-contract-").FullName;
            var logs = System.IO.Path.Combine(_sandbox, "logs");
            _dashboard = AppProcess.Start(ProcessName, "Dashboard.Web.dll", new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DASHBOARD_SECRETS_DIR"] = Directory.CreateDirectory(System.IO.Path.Combine(_sandbox, "secrets")).FullName,
                ["HOME"] = Directory.CreateDirectory(System.IO.Path.Combine(_sandbox, "home")).FullName,
                ["Vital__ApiKey"] = ApiKey,
                ["Vital__BaseUrl"] = Server.BaseAddress.ToString(),
                ["Auth__Mode"] = "None",
                ["Auth__AllowAnonymous"] = "true",
                ["Api__RequestsPerMinute"] = "10000",
            }, logs);
            try
            {
                await _dashboard.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60), startup.Token);
            }
            catch
            {
                await DisposeAsync();
                throw;
            }

            Dashboard = new HttpClient { BaseAddress = _dashboard.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        }

        /// <summary>Sets the server up before the dashboard starts (an outage from the first request on, for one).</summary>
        internal virtual void Prepare(ContractServer server)
        {
        }

        /// <summary>The name of the dashboard's log file.</summary>
        protected virtual string ProcessName => "dashboard-on-contract-server";

        public async ValueTask DisposeAsync()
        {
            Dashboard?.Dispose();
            if (_dashboard is not null)
            {
                await _dashboard.DisposeAsync();
            }

            if (Server is not null)
            {
                await Server.DisposeAsync();
            }

            if (_sandbox is not null)
            {
                Directory.Delete(_sandbox, recursive: true);
            }
        }
    }
}

/// <summary>The classes that share one contract server and one dashboard process (they run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class ContractServerCollection : ICollectionFixture<ContractServerTests.Running>
{
    public const string Name = "Contract server and dashboard process";
}
