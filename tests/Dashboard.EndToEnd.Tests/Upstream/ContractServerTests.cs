using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dashboard.EndToEnd.Tests.Browser;

namespace Dashboard.EndToEnd.Tests.Upstream;

/// <summary>
/// The dashboard as a real process, started as an operator would against any server that speaks the upstream
/// contract (<c>Vital__ApiKey</c>, <c>Vital__BaseUrl</c>, <c>Auth__Mode=None</c>, <c>Auth__AllowAnonymous=true</c>),
/// here <see cref="ContractServer"/>, which shares no code or habit with the simulator: the home page lists that
/// server's users, and a script gets the right finding codes for each of them.
/// </summary>
public sealed class ContractServerTests(ContractServerTests.Running running) : IClassFixture<ContractServerTests.Running>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string[]> Expected => new()
    {
        { Team.Failing, ["pull_failed", "resources_not_pulled"] },
        { Team.Retrying, ["pull_retrying"] },
        { Team.StuckScheduled, ["pull_stuck_scheduled"] },
        { Team.UnknownProviderAndStatus, ["unknown_status"] },
        { Team.LegacyErrorAndInProgress, ["pull_failed", "pull_in_progress"] },
        { Team.NoData, ["pull_no_data"] },
        { Team.LowCoverageNoEnd, ["pull_low_coverage", "timeline_anomaly"] },
        { Team.Healthy, [] },
        { Team.NotOnTheTeam, ["no_pull_data"] },
    };

    [Fact]
    public async Task HomePage_ListsEveryUserOfThatServer()
    {
        var html = await WholeTeamListedAsync();

        Assert.Equal(Team.Members.Count, RowCount(html));
        Assert.DoesNotContain("Demo data", html, StringComparison.Ordinal);
        var csv = await running.Dashboard.GetStringAsync(new Uri("/api/users.csv", UriKind.Relative), Ct);
        Assert.All(Team.Members, id => Assert.Contains(id, csv, StringComparison.Ordinal));
        Assert.DoesNotContain(csv.Split('\n'), line => line.StartsWith(','));
        Assert.Contains("acme_ring", csv, StringComparison.Ordinal);
        Assert.Contains("paused", csv, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task Diagnosis_OfEachUser_HasExactlyTheExpectedCodes(string userId, string[] codes)
    {
        using var response = await running.Dashboard.GetAsync(new Uri($"/api/users/{userId}/diagnosis", UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var diagnosis = JsonDocument.Parse(body);
        Assert.Equal(userId, diagnosis.RootElement.GetProperty("userId").GetString());
        var found = diagnosis.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(codes.Order(StringComparer.Ordinal), found);
    }

    [Fact]
    public async Task UserAndProviderPages_ShowTheUnknownProviderAndStatusVerbatim()
    {
        var user = await running.Dashboard.GetStringAsync(new Uri($"/users/{Team.UnknownProviderAndStatus}", UriKind.Relative), Ct);
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
        Assert.DoesNotContain(running.Server.Requests.Skip(before), r => r.Query.Contains("not-a-uuid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryRequest_CarriesTheKey_PagesByNextCursor_NeverFollowsNextOrSendsCursor()
    {
        // The discovery walk (a plain walk of every page) has been made once the page lists the whole team.
        Assert.Equal(Team.Members.Count, RowCount(await WholeTeamListedAsync()));
        var requests = running.Server.Requests.ToList();

        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.True(r.KeyMatched, $"{r.Path}{r.Query} came without the key"));
        Assert.All(requests, r => Assert.Equal("/v2/introspect/historical_pull", r.Path));
        Assert.DoesNotContain(requests, r => Regex.IsMatch(r.Query, @"[?&]cursor="));
        Assert.DoesNotContain(requests, r => r.Query.Contains("next_cursor=None", StringComparison.Ordinal));
        var cursors = requests.Select(r => System.Web.HttpUtility.ParseQueryString(r.Query)["next_cursor"]).OfType<string>().ToList();
        Assert.NotEmpty(cursors);
        Assert.All(cursors, c => Assert.True(running.Server.IssuedCursors.ContainsKey(c), $"next_cursor {c} was never handed out"));
        // The plain walk (the discovery walk) read every page: 10 entries, 2 a page.
        Assert.Contains(requests, r => !r.Query.Contains("provider=", StringComparison.Ordinal) && !r.Query.Contains("user_id=", StringComparison.Ordinal)
            && r.Query.Contains("next_cursor=", StringComparison.Ordinal));
    }

    /// <summary>
    /// The home page once it counts the whole team (or after 30 s). The first scan reads the known providers; the
    /// discovery walk then finds the provider no spec lists and rescans, so the count settles within seconds.
    /// </summary>
    private async Task<string> WholeTeamListedAsync()
    {
        var html = string.Empty;
        for (var attempt = 0; attempt < 120 && RowCount(html) != Team.Members.Count; attempt++)
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

    /// <summary>The team the server holds: one user per situation, in the contract's shapes and quirks.</summary>
    internal static class Team
    {
        public const string Failing = "0b6f1c8e-3a52-4d2e-9a51-5d8f0c1e2a01";
        public const string Retrying = "1c7a2d9f-4b63-4e3f-8b62-6e9a1d2f3b02";
        public const string StuckScheduled = "2d8b3eaf-5c74-4f4a-9c73-7fab2e3a4c03";
        public const string UnknownProviderAndStatus = "3e9c4fb0-6d85-4a5b-8d84-80bc3f4b5d04";
        public const string LegacyErrorAndInProgress = "4fad5ac1-7e96-4b6c-9e95-91cd4a5c6e05";
        public const string NoData = "5abe6bd2-8fa7-4c7d-8fa6-a2de5b6d7f06";
        public const string LowCoverageNoEnd = "6bcf7ce3-9ab8-4d8e-9ab7-b3ef6c7e8a07";
        public const string Healthy = "7cd08df4-abc9-4e9f-8bc8-c4fa7d8f9b08";
        public const string Quiet = "8de19e05-bcda-4fa0-9cd9-d50b8e9aac09";
        public const string NotOnTheTeam = "9ef2af16-cdeb-4ab1-8dea-e61c9fabbd10";

        public static IReadOnlyList<string> Members { get; } =
            [Failing, Retrying, StuckScheduled, UnknownProviderAndStatus, LegacyErrorAndInProgress, NoData, LowCoverageNoEnd, Healthy, Quiet];

        public static IReadOnlyList<JsonObject> Build(DateTimeOffset now)
        {
            string At(TimeSpan ago, string style = "offset")
            {
                var t = now - ago;
                return style switch
                {
                    "z" => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    "micro" => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture),
                    _ => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
                };
            }

            JsonObject Pull(string status, int? days, TimeSpan scheduledAgo, TimeSpan? startedAgo, TimeSpan? endedAgo, string? errorDetails = null, bool range = true)
            {
                var timeline = new JsonObject { ["scheduled_at"] = At(scheduledAgo, "micro") };
                if (startedAgo is { } started)
                {
                    timeline["started_at"] = At(started, "z");
                }

                if (endedAgo is { } ended)
                {
                    timeline["ended_at"] = At(ended);
                }

                var pull = new JsonObject
                {
                    ["status"] = status,
                    ["range_start"] = range ? At(TimeSpan.FromDays(91) + scheduledAgo) : null,
                    ["range_end"] = range ? At(scheduledAgo + TimeSpan.FromDays(1)) : null,
                    ["timeline"] = timeline,
                    ["release"] = "0.0.0-dev.cd0e262",
                    ["trace_id"] = "51cc7d2d9e3f4a5b8c7d6e5f4a3b2c1d",
                    ["error_details"] = errorDetails,
                    ["an_unknown_field"] = new JsonObject { ["nested"] = true },
                };
                if (days is { } d)
                {
                    pull["days_with_data"] = d;
                }

                return pull;
            }

            JsonObject Provider(params (string Resource, JsonObject Pull)[] pulled) => ProviderWith([], pulled);

            JsonObject ProviderWith(string[] notPulled, params (string Resource, JsonObject Pull)[] pulled)
            {
                var resources = new JsonObject();
                foreach (var (resource, pull) in pulled)
                {
                    resources[resource] = pull;
                }

                return new JsonObject { ["pulled"] = resources, ["not_pulled"] = new JsonArray([.. notPulled.Select(n => JsonValue.Create(n))]) };
            }

            JsonObject User(string id, params (string Slug, JsonObject Provider)[] providers)
            {
                var byProvider = new JsonObject();
                foreach (var (slug, provider) in providers)
                {
                    byProvider[slug] = provider;
                }

                return new JsonObject { ["user_id"] = id, ["provider"] = byProvider };
            }

            var hour = TimeSpan.FromHours(1);
            var done = Pull("success", 85, TimeSpan.FromDays(3), TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(3) - TimeSpan.FromMinutes(30));
            return
            [
                User(Failing, ("oura", ProviderWith(["workouts"],
                    ("sleep", done.DeepClone().AsObject()),
                    ("activity", Pull("failure", 0, TimeSpan.FromDays(2), TimeSpan.FromDays(2), null, "retry_quota_exhausted"))))),
                User(Retrying, ("fitbit", Provider(("sleep", Pull("retrying", 0, 5 * hour, 5 * hour, null, "provider_rate_limit_exceeded"))))),
                User(StuckScheduled, ("garmin", Provider(("sleep", Pull("scheduled", 0, TimeSpan.FromDays(2), null, null, range: false))))),
                User(UnknownProviderAndStatus, ("acme_ring", Provider(("sleep", Pull("paused", 0, TimeSpan.FromDays(1), TimeSpan.FromDays(1), null))))),
                User(LegacyErrorAndInProgress,
                    ("whoop_v2", Provider(("sleep", Pull("error", 0, TimeSpan.FromDays(4), TimeSpan.FromDays(4), TimeSpan.FromDays(4) - hour)))),
                    ("oura", Provider(("activity", Pull("in_progress", 0, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(10), null))))),
                User(NoData, ("apple_health_kit", Provider(("steps", Pull("success", 0, TimeSpan.FromDays(6), TimeSpan.FromDays(6), TimeSpan.FromDays(6) - hour))))),
                User(LowCoverageNoEnd, ("polar", Provider(("sleep", Pull("success", 10, TimeSpan.FromDays(8), TimeSpan.FromDays(8), null))))),
                User(Healthy, ("oura", Provider(("sleep", done.DeepClone().AsObject()))), ("garmin", Provider(("activity", done.DeepClone().AsObject())))),
                User(Quiet, ("withings", Provider(("weight", done.DeepClone().AsObject())))),
                // As in the spec's own example: an entry whose user_id is empty. It cannot be looked up; it is left out.
                User("", ("oura", Provider(("sleep", done.DeepClone().AsObject())))),
            ];
        }
    }

    /// <summary>The contract server and the dashboard process pointed at it, shared by the class's tests.</summary>
    public sealed class Running : IAsyncLifetime
    {
        private const string ApiKey = "sk_us_contract_server_test_key_0123456789";
        private AppProcess? _dashboard;
        private string? _sandbox;

        internal ContractServer Server { get; private set; } = null!;

        public HttpClient Dashboard { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            Server = await ContractServer.StartAsync(Team.Build(DateTimeOffset.UtcNow), ApiKey, startup.Token);
            _sandbox = Directory.CreateTempSubdirectory("dashboard-contract-").FullName;
            var logs = System.IO.Path.Combine(_sandbox, "logs");
            _dashboard = AppProcess.Start("dashboard-on-contract-server", "Dashboard.Web.dll", new Dictionary<string, string>
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
