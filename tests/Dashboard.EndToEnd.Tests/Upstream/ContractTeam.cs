using System.Globalization;
using System.Text.Json.Nodes;

namespace Dashboard.EndToEnd.Tests.Upstream;

/// <summary>
/// The team <see cref="ContractServer"/> holds: one user per situation of the whole diagnosis (user, connections,
/// historical pulls, ongoing data), in the contract's shapes and quirks, written from <c>../shared/vital/CONTRACT.md</c>
/// and the finding-code tables of <c>../shared/design/ARCHITECTURE.md</c>. <see cref="Expectations"/> is the one table
/// of what the dashboard must find for each of them.
/// </summary>
internal static class ContractTeam
{
    public const string TeamId = "6d2ae6fc-eb7d-4eaa-9cdf-fdc0bbedbc23";

    // The historical-pull situations (the first contract-server team).
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

    // The whole diagnosis: user, connections and ongoing data.
    public const string RevokedToken = "a1c4e7f0-2b5d-4e8a-9c1f-3d6a9b2e5c11";
    public const string PasswordExpired = "b2d5f8a1-3c6e-4f9b-8d2a-4e7b0c3f6d12";
    public const string UnknownErrorType = "c3e6a9b2-4d7f-4a0c-9e3b-5f8c1d4a7e13";
    public const string Paused = "d4f7bac3-5e8a-4b1d-8f4c-6a9d2e5b8f14";
    public const string UnknownConnectionStatus = "e5a8cbd4-6f9b-4c2e-9a5d-7bae3f6c9a15";
    public const string ScopesDenied = "f6b9dce5-7a0c-4d3f-8b6e-8cbf4a7dab16";
    public const string ScopesDeniedAndNotPulled = "07cae0f6-8b1d-4e4a-9c7f-9dca5b8ebc17";
    public const string Stale = "18dbf1a7-9c2e-4f5b-8d8a-aedb6c9fcd18";
    public const string AppleDelay = "29eca2b8-ad3f-4a6c-9e9b-bfec7dafde19";
    public const string LastAttemptFailed = "3afdb3c9-be4a-4b7d-8fac-cafd8ebaef20";
    public const string NoConnections = "4b0ec4da-cf5b-4c8e-9abd-dbae9fcbfa21";
    public const string Stranger = "5c1fd5eb-da6c-4d9f-8bce-ecbfaadcab22";

    /// <summary>A client id shaped like a UUID, and not the Vital id of anyone.</summary>
    public const string UuidShapedClientId = "0d7c3a52-91e4-4b8f-a6d2-5e3f1c9b7a40";

    /// <summary>The severities of ARCHITECTURE.md's two finding-code tables.</summary>
    public static IReadOnlyDictionary<string, string> Severities => Dashboard.Web.Tests.Support.FindingSeverities.Of;

    /// <summary>
    /// What the dashboard must find for each user of the team (default settings: <c>StaleAfter</c> 3 days,
    /// <c>StuckScheduledAfter</c> 6 hours, <c>LowCoverageRatio</c> 0.5), compared as a sorted list of codes. Times are
    /// relative to the moment the server starts. Client ids are <c>null</c> for ids Vital does not know.
    /// </summary>
    public static IReadOnlyList<Expectation> Expectations { get; } =
    [
        new(nameof(Failing), Failing, "acme-0001", ["pull_failed", "resources_not_pulled"],
            "oura activity failed (its newest data 10 days old: no data_stale, the pull did not succeed); workouts not pulled and not denied"),
        new(nameof(Retrying), Retrying, "clinic-7/patient/0042", ["pull_retrying"],
            "fitbit sleep retrying (provider_rate_limit_exceeded); client id with slashes"),
        new(nameof(StuckScheduled), StuckScheduled, "who?am=i&ref=1#top", ["pull_stuck_scheduled"],
            "garmin sleep scheduled 2 days ago; client id with ? & = #"),
        new(nameof(UnknownProviderAndStatus), UnknownProviderAndStatus, "acme-0004", ["unknown_status"],
            "provider acme_ring (in no list), pull status 'paused'"),
        new(nameof(LegacyErrorAndInProgress), LegacyErrorAndInProgress, "acme-0005", ["pull_failed", "pull_in_progress"],
            "whoop_v2 sleep with the legacy status 'error'; oura activity in progress for 10 minutes"),
        new(nameof(NoData), NoData, "ref%2F42%41 100%", ["pull_no_data"],
            "apple_health_kit steps succeeded with 0 days of data, newest data 2 hours old; client id with literal percent signs (%2F and %41 among them) and spaces"),
        new(nameof(LowCoverageNoEnd), LowCoverageNoEnd, "Jane Doe + 1984", ["pull_low_coverage", "timeline_anomaly"],
            "polar sleep succeeded with 10 of 90 days and no ended_at; client id with spaces and a plus sign"),
        new(nameof(Healthy), Healthy, "acme-healthy-0008", [],
            "oura sleep and garmin activity succeeded, newest data within a day; connected_sources[].source only, as in the spec's example"),
        new(nameof(Quiet), Quiet, UuidShapedClientId, [],
            "withings weight succeeded, newest data 2 days old (written with a +05:30 offset); client id shaped like a UUID"),
        new(nameof(NotOnTheTeam), NotOnTheTeam, null, ["user_not_found"],
            "Vital knows no such user: 404 {\"detail\": ...} from every user endpoint, no pulls; replaces no_pull_data"),
        new(nameof(RevokedToken), RevokedToken, "acme-0010", ["connection_error"],
            "fitbit status error, error_type token_refresh_failed, newest data 6 days old (no data_stale: not connected)"),
        new(nameof(PasswordExpired), PasswordExpired, "acme-0011", ["connection_error"],
            "abbott_libreview status error, error_type provider_password_expired (errored_at with a +05:30 offset)"),
        new(nameof(UnknownErrorType), UnknownErrorType, "acme-0012", ["connection_error"],
            "withings status error, error_type 'provider_account_suspended' (in no list)"),
        new(nameof(Paused), Paused, "acme-0013", ["connection_paused", "outside_ingestion_bounds"],
            "garmin status paused, ingestion_end 10 days ago, newest data 11 days old (no data_stale: not connected)"),
        new(nameof(UnknownConnectionStatus), UnknownConnectionStatus, "acme-0014", ["unknown_connection_status"],
            "polar status 'pending_reauthorization' (in no list)"),
        new(nameof(ScopesDenied), ScopesDenied, "acme-0015", ["scopes_denied"],
            "oura workouts unavailable (scope 'workout' denied) and not pulled: explained, so no resources_not_pulled"),
        new(nameof(ScopesDeniedAndNotPulled), ScopesDeniedAndNotPulled, "acme-0016", ["resources_not_pulled", "scopes_denied"],
            "fitbit sleep unavailable (scope 'sleep' denied), blood_oxygen not pulled and not denied: resources_not_pulled names blood_oxygen only"),
        new(nameof(Stale), Stale, "acme-0017", ["data_stale"],
            "withings connected, sleep pull succeeded, newest data 5 days old (last attempt an hour ago, success)"),
        new(nameof(AppleDelay), AppleDelay, "zoë-łukasz-山田-😀", ["data_delay_normal"],
            "apple_health_kit connected, newest data 14 hours old; client id with non-ASCII characters"),
        new(nameof(LastAttemptFailed), LastAttemptFailed, "acme-0019", ["last_attempt_failed"],
            "oura connected, sleep's last attempt 30 minutes ago failed, newest data 20 hours old"),
        new(nameof(NoConnections), NoConnections, "acme-0020", ["no_connections", "no_pull_data"],
            "Vital knows the user; no connected source, no pulls"),
        new(nameof(Stranger), Stranger, null, ["user_not_found"],
            "Vital knows no such user and GET /v2/user/{id} says so with 400 {\"detail\": \"User not found\"} (other user endpoints 404)"),
    ];

    /// <summary>The users the historical-pull listing holds (the team grid's rows).</summary>
    public static IReadOnlyList<string> Members { get; } =
    [
        Failing, Retrying, StuckScheduled, UnknownProviderAndStatus, LegacyErrorAndInProgress, NoData, LowCoverageNoEnd, Healthy, Quiet,
        RevokedToken, PasswordExpired, UnknownErrorType, Paused, UnknownConnectionStatus, ScopesDenied, ScopesDeniedAndNotPulled, Stale,
        AppleDelay, LastAttemptFailed,
    ];

    /// <summary>Users whose client id needs care in a URL (and the UUID-shaped one).</summary>
    public static IReadOnlyList<Expectation> OddClientIds { get; } =
        [.. Expectations.Where(e => e.ClientUserId is { } c && (c.Any(ch => ch is '/' or '?' or '%' or ' ' or '#' or '&' or '+' || ch > 127) || Guid.TryParse(c, out _)))];

    public static Expectation Row(string name) => Expectations.Single(e => e.Name == name);

    /// <summary>The whole team, its times relative to <paramref name="now"/> (the moment the server starts).</summary>
    public static ContractTeamData Build(DateTimeOffset now)
    {
        var team = new Builder(now);
        var hour = TimeSpan.FromHours(1);
        var day = TimeSpan.FromDays(1);

        team.Add(Failing, created: 160 * day)
            .Connect("oura", since: 150 * day)
            .Pull("oura", "sleep", team.Done(3 * day))
            .Pull("oura", "activity", team.Pull("failure", 0, 2 * day, 2 * day, null, "retry_quota_exhausted"))
            .NotPulled("oura", "workouts")
            .Ongoing("oura", "sleep", newest: 9 * hour, attempt: 40 * TimeSpan.FromMinutes(1))
            .Ongoing("oura", "activity", newest: 10 * day, attempt: 30 * TimeSpan.FromMinutes(1));

        team.Add(Retrying, created: 40 * day, sources: SourceStyle.Both)
            .Connect("fitbit", since: 30 * day)
            .Pull("fitbit", "sleep", team.Pull("retrying", 0, 5 * hour, 5 * hour, null, "provider_rate_limit_exceeded"))
            .Ongoing("fitbit", "sleep", newest: 20 * hour, attempt: hour);

        team.Add(StuckScheduled, created: 3 * day, sources: SourceStyle.SourceOnly)
            .Connect("garmin", since: 2 * day)
            .Pull("garmin", "sleep", team.Pull("scheduled", 0, 2 * day, null, null, range: false))
            .Ongoing("garmin", "sleep", newest: day, attempt: 3 * hour);

        team.Add(UnknownProviderAndStatus, created: 20 * day)
            .Connect("acme_ring", since: 2 * day)
            .Pull("acme_ring", "sleep", team.Pull("paused", 0, day, day, null))
            .Ongoing("acme_ring", "sleep", newest: 5 * hour, attempt: 5 * hour);

        team.Add(LegacyErrorAndInProgress, created: 300 * day, sources: SourceStyle.SourceOnly)
            .Connect("whoop_v2", since: 5 * day)
            .Connect("oura", since: TimeSpan.FromMinutes(25))
            .Pull("whoop_v2", "sleep", team.Pull("error", 0, 4 * day, 4 * day, 4 * day - hour))
            .Pull("oura", "activity", team.Pull("in_progress", 0, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(10), null))
            .Ongoing("whoop_v2", "sleep", newest: day, attempt: 2 * hour)
            .Ongoing("oura", "activity", newest: 3 * hour, attempt: TimeSpan.FromMinutes(5));

        team.Add(NoData, created: 7 * day)
            .Connect("apple_health_kit", since: 7 * day)
            .Pull("apple_health_kit", "steps", team.Pull("success", 0, 6 * day, 6 * day, 6 * day - hour))
            .Ongoing("apple_health_kit", "steps", newest: 2 * hour, attempt: 2 * hour, sentCount: 14);

        team.Add(LowCoverageNoEnd, created: 9 * day, sources: SourceStyle.Both)
            .Connect("polar", since: 9 * day)
            .Pull("polar", "sleep", team.Pull("success", 10, 8 * day, 8 * day, null))
            .Ongoing("polar", "sleep", newest: day, attempt: 4 * hour);

        team.Add(Healthy, created: 400 * day, sources: SourceStyle.SourceOnly, ingestionStart: 365 * day, ingestionEnd: -365 * day, timeZone: "Europe/Berlin")
            .Connect("oura", since: 100 * day)
            .Connect("garmin", since: 100 * day)
            .Pull("oura", "sleep", team.Done(3 * day))
            .Pull("garmin", "activity", team.Done(3 * day))
            .Ongoing("oura", "sleep", newest: 10 * hour, attempt: TimeSpan.FromMinutes(50), sentCount: 181, style: "micro")
            .Ongoing("garmin", "activity", newest: day, attempt: 6 * hour, sentCount: 87, style: "z")
            // Ongoing data without a historical pull, as in the written example: no last_attempt key, sent_count null.
            .Ongoing("oura", "heartrate", newest: 2 * hour, attempt: null, sentCount: null, style: "z", omitLastAttempt: true);

        team.Add(Quiet, created: 60 * day, ingestionStart: null, ingestionEnd: null)
            .Connect("withings", since: 60 * day)
            .Pull("withings", "weight", team.Done(3 * day))
            .Ongoing("withings", "weight", newest: 2 * day, attempt: 3 * hour, style: "shifted");

        team.Add(RevokedToken, created: 90 * day, sources: SourceStyle.Both)
            .Connect("fitbit", since: 80 * day, status: "error",
                error: ("token_refresh_failed", "The refresh token was revoked at the provider.", 6 * day - 2 * hour))
            .Pull("fitbit", "sleep", team.Done(30 * day))
            .Ongoing("fitbit", "sleep", newest: 6 * day, attempt: 6 * day);

        team.Add(PasswordExpired, created: 380 * day)
            .Connect("abbott_libreview", since: 370 * day, status: "error",
                error: ("provider_password_expired", "LibreView rejected the stored password: it has expired.", 9 * day), errorTimeStyle: "shifted")
            .Pull("abbott_libreview", "glucose", team.Done(300 * day))
            .Ongoing("abbott_libreview", "glucose", newest: 9 * day, attempt: 9 * day);

        team.Add(UnknownErrorType, created: 50 * day, sources: SourceStyle.SourceOnly)
            .Connect("withings", since: 50 * day, status: "error",
                error: ("provider_account_suspended", "Withings reports the account as suspended.", day))
            .Pull("withings", "body", team.Done(20 * day))
            .Ongoing("withings", "body", newest: day + hour, attempt: day);

        team.Add(Paused, created: 220 * day, ingestionStart: 200 * day, ingestionEnd: 10 * day)
            .Connect("garmin", since: 200 * day, status: "paused")
            .Pull("garmin", "activity", team.Done(40 * day))
            .Ongoing("garmin", "activity", newest: 11 * day, attempt: 11 * day);

        team.Add(UnknownConnectionStatus, created: 30 * day)
            .Connect("polar", since: 30 * day, status: "pending_reauthorization")
            .Pull("polar", "sleep", team.Done(20 * day))
            .Ongoing("polar", "sleep", newest: day, attempt: 5 * hour);

        team.Add(ScopesDenied, created: 25 * day, sources: SourceStyle.Both)
            .Connect("oura", since: 25 * day, denied: [("workouts", ["workout"])])
            .Pull("oura", "sleep", team.Done(20 * day))
            .NotPulled("oura", "workouts")
            .Ongoing("oura", "sleep", newest: 8 * hour, attempt: hour);

        team.Add(ScopesDeniedAndNotPulled, created: 25 * day)
            .Connect("fitbit", since: 25 * day, denied: [("sleep", ["sleep"])])
            .Pull("fitbit", "activity", team.Done(20 * day))
            .NotPulled("fitbit", "sleep", "blood_oxygen")
            .Ongoing("fitbit", "activity", newest: 5 * hour, attempt: hour);

        team.Add(Stale, created: 45 * day, sources: SourceStyle.SourceOnly)
            .Connect("withings", since: 45 * day)
            .Pull("withings", "sleep", team.Done(20 * day))
            .Ongoing("withings", "sleep", newest: 5 * day, attempt: hour);

        team.Add(AppleDelay, created: 15 * day, timeZone: "Asia/Tokyo")
            .Connect("apple_health_kit", since: 15 * day)
            .Pull("apple_health_kit", "steps", team.Done(3 * day))
            .Ongoing("apple_health_kit", "steps", newest: 14 * hour, attempt: 14 * hour, style: "z");

        team.Add(LastAttemptFailed, created: 70 * day, sources: SourceStyle.Both)
            .Connect("oura", since: 70 * day)
            .Pull("oura", "sleep", team.Done(20 * day))
            .Ongoing("oura", "sleep", newest: 20 * hour, attempt: TimeSpan.FromMinutes(30), lastStatus: "failure", style: "micro");

        team.Add(NoConnections, created: 12 * day);

        return team.Build(unknownAnswers400: new HashSet<string>(StringComparer.Ordinal) { Stranger });
    }

    /// <summary>One row of <see cref="Expectations"/>.</summary>
    /// <param name="Name">A short name for the situation (test output shows it).</param>
    /// <param name="VitalUserId">Vital's id of the user.</param>
    /// <param name="ClientUserId">The customer's own id, or null when Vital does not know the user.</param>
    /// <param name="Codes">Exactly the finding codes the diagnosis must carry (order does not matter).</param>
    /// <param name="Why">The data behind those codes, in a sentence.</param>
    internal sealed record Expectation(string Name, string VitalUserId, string? ClientUserId, string[] Codes, string Why);

    /// <summary>How a user object writes <c>connected_sources[]</c>: the schema's <c>provider</c>, the example's <c>source</c>, or both.</summary>
    private enum SourceStyle
    {
        ProviderOnly,
        SourceOnly,
        Both,
    }

    private sealed class Builder(DateTimeOffset now)
    {
        private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["oura"] = "Oura",
            ["fitbit"] = "Fitbit",
            ["garmin"] = "Garmin",
            ["whoop_v2"] = "WHOOP",
            ["apple_health_kit"] = "Apple HealthKit",
            ["polar"] = "Polar",
            ["withings"] = "Withings",
            ["abbott_libreview"] = "Abbott LibreView",
            ["acme_ring"] = "Acme Ring",
        };

        /// <summary>Providers that ask the user for scopes: their resources carry <c>scope_requirements</c>.</summary>
        private static readonly HashSet<string> Scoped = new(StringComparer.Ordinal) { "oura", "fitbit" };

        private readonly List<Member> _members = [];

        /// <summary>A user Vital knows, with the client id <see cref="Expectations"/> gives it.</summary>
        public Member Add(string id, TimeSpan created, SourceStyle sources = SourceStyle.ProviderOnly,
            TimeSpan? ingestionStart = null, TimeSpan? ingestionEnd = null, string? timeZone = null)
        {
            var clientUserId = Expectations.Single(e => e.VitalUserId == id).ClientUserId!;
            var member = new Member(this, id, clientUserId, created, sources, ingestionStart, ingestionEnd, timeZone);
            _members.Add(member);
            return member;
        }

        /// <summary>A pull that succeeded: scheduled <paramref name="ago"/>, 85 days of data in a 90-day range, ended 30 minutes later.</summary>
        public JsonObject Done(TimeSpan ago) =>
            Pull("success", 85, ago, ago - TimeSpan.FromMinutes(1), ago - TimeSpan.FromMinutes(30));

        public JsonObject Pull(string status, int? days, TimeSpan scheduledAgo, TimeSpan? startedAgo, TimeSpan? endedAgo, string? errorDetails = null, bool range = true)
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

        /// <summary>
        /// A time <paramref name="ago"/> before now: <c>+00:00</c> (offset), <c>Z</c> (z), microseconds (micro), or the
        /// same instant written in India's <c>+05:30</c> (shifted).
        /// </summary>
        public string At(TimeSpan ago, string style = "offset")
        {
            var t = now - ago;
            return style switch
            {
                "z" => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                "micro" => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture),
                "shifted" => t.ToOffset(new TimeSpan(5, 30, 0)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                _ => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
            };
        }

        /// <summary>The UTC date <paramref name="ago"/> before now (a negative span: in the future).</summary>
        public string Date(TimeSpan ago) => (now - ago).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        public ContractTeamData Build(IReadOnlySet<string> unknownAnswers400)
        {
            var pulls = _members.Where(m => m.Pulls.Count > 0).Select(m => m.PullEntry()).ToList();
            // As in the spec's own example: an entry whose user_id is empty. It cannot be looked up; it is left out.
            pulls.Add(new JsonObject
            {
                ["user_id"] = "",
                ["provider"] = new JsonObject { ["oura"] = new JsonObject { ["pulled"] = new JsonObject { ["sleep"] = Done(TimeSpan.FromDays(3)) }, ["not_pulled"] = new JsonArray() } },
            });

            var resources = _members.Where(m => m.Fresh.Count > 0).Select(m => m.ResourceEntry()).ToList();
            resources.Insert(3, new JsonObject
            {
                ["provider"] = new JsonObject
                {
                    ["fitbit"] = new JsonObject { ["activity"] = OngoingData(TimeSpan.FromHours(3), TimeSpan.FromHours(1), "success", 231, "offset") },
                },
                ["user_id"] = "",
            });

            return new ContractTeamData(
                [.. _members.Select(m => m.UserObject())],
                _members.ToDictionary(m => m.Id, m => m.ConnectionsArray(), StringComparer.Ordinal),
                pulls,
                resources,
                unknownAnswers400);
        }

        public JsonObject OngoingData(TimeSpan newest, TimeSpan? attempt, string lastStatus, int? sentCount, string style, bool omitLastAttempt = false)
        {
            var data = new JsonObject();
            if (!omitLastAttempt)
            {
                data["last_attempt"] = attempt is { } a ? new JsonObject { ["timestamp"] = At(a, style), ["status"] = lastStatus } : null;
            }

            data["oldest_data"] = At(TimeSpan.FromDays(180), style);
            data["newest_data"] = At(newest, style);
            data["sent_count"] = sentCount;
            return data;
        }

        private static JsonObject Logo(string slug) => new()
        {
            ["name"] = Names.GetValueOrDefault(slug, slug),
            ["slug"] = slug,
            ["logo"] = $"https://assets.example/logos/{slug}.png",
        };

        public sealed class Member(Builder team, string id, string clientUserId, TimeSpan created, SourceStyle sources,
            TimeSpan? ingestionStart, TimeSpan? ingestionEnd, string? timeZone)
        {
            private readonly List<(string Slug, TimeSpan Created, string Status, (string Type, string Message, TimeSpan Ago)? Error, string ErrorTimeStyle, (string Resource, string[] Scopes)[] Denied)> _connections = [];
            private readonly Dictionary<string, List<string>> _notPulled = new(StringComparer.Ordinal);

            public string Id => id;

            public List<(string Slug, string Resource, JsonObject Pull)> Pulls { get; } = [];

            public List<(string Slug, string Resource, JsonObject Data)> Fresh { get; } = [];

            public Member Connect(string slug, TimeSpan since, string status = "connected",
                (string Type, string Message, TimeSpan Ago)? error = null, string errorTimeStyle = "offset", (string Resource, string[] Scopes)[]? denied = null)
            {
                _connections.Add((slug, since, status, error, errorTimeStyle, denied ?? []));
                return this;
            }

            public Member Pull(string slug, string resource, JsonObject pull)
            {
                Pulls.Add((slug, resource, pull));
                return this;
            }

            public Member NotPulled(string slug, params string[] resources)
            {
                _notPulled[slug] = [.. resources];
                return this;
            }

            public Member Ongoing(string slug, string resource, TimeSpan newest, TimeSpan? attempt, string lastStatus = "success", int? sentCount = 30,
                string style = "offset", bool omitLastAttempt = false)
            {
                Fresh.Add((slug, resource, team.OngoingData(newest, attempt, lastStatus, sentCount, style, omitLastAttempt)));
                return this;
            }

            public JsonObject UserObject()
            {
                var connected = new JsonArray();
                foreach (var c in _connections)
                {
                    var source = new JsonObject { ["created_on"] = team.At(c.Created) };
                    if (sources != SourceStyle.SourceOnly)
                    {
                        source["provider"] = Logo(c.Slug);
                    }

                    if (sources != SourceStyle.ProviderOnly)
                    {
                        source["source"] = Logo(c.Slug);
                    }

                    connected.Add(source);
                }

                var user = new JsonObject
                {
                    ["user_id"] = id,
                    ["team_id"] = TeamId,
                    ["client_user_id"] = clientUserId,
                    ["created_on"] = team.At(created, sources == SourceStyle.Both ? "micro" : "z"),
                    ["connected_sources"] = connected,
                    ["fallback_time_zone"] = timeZone is null ? null : new JsonObject
                    {
                        ["id"] = timeZone,
                        ["source_slug"] = "manual",
                        ["updated_at"] = team.At(created, "shifted"),
                    },
                };

                // Vary the optional keys: absent, null, or a date.
                if (ingestionStart is not null || ingestionEnd is not null)
                {
                    user["ingestion_start"] = ingestionStart is { } s ? team.Date(s) : null;
                    user["ingestion_end"] = ingestionEnd is { } e ? team.Date(e) : null;
                }
                else if (sources == SourceStyle.Both)
                {
                    user["ingestion_start"] = null;
                    user["ingestion_end"] = null;
                    user["fallback_birth_date"] = new JsonObject { ["value"] = "1984-02-29", ["source_slug"] = "manual", ["updated_at"] = team.At(created) };
                }

                return user;
            }

            public JsonArray ConnectionsArray()
            {
                var array = new JsonArray();
                foreach (var c in _connections)
                {
                    var availability = new JsonObject();
                    var resources = Pulls.Where(p => p.Slug == c.Slug).Select(p => p.Resource)
                        .Concat(Fresh.Where(o => o.Slug == c.Slug).Select(o => o.Resource))
                        .Distinct(StringComparer.Ordinal);
                    foreach (var resource in resources)
                    {
                        availability[resource] = new JsonObject
                        {
                            ["status"] = "available",
                            ["scope_requirements"] = Scoped.Contains(c.Slug) ? Scopes(granted: [resource], denied: []) : null,
                        };
                    }

                    foreach (var (resource, scopes) in c.Denied)
                    {
                        availability[resource] = new JsonObject { ["status"] = "unavailable", ["scope_requirements"] = Scopes(granted: [], denied: scopes) };
                    }

                    var sdk = ContractServer.SdkProviders.Contains(c.Slug);
                    var connection = Logo(c.Slug);
                    connection["created_on"] = team.At(c.Created, "micro");
                    connection["status"] = c.Status;
                    connection["external_user_id"] = sdk ? null : $"{c.Slug[..2].ToUpperInvariant()}{id[..6]}";
                    connection["error_details"] = c.Error is { } error
                        ? new JsonObject { ["error_type"] = error.Type, ["error_message"] = error.Message, ["errored_at"] = team.At(error.Ago, c.ErrorTimeStyle) }
                        : null;
                    connection["resource_availability"] = availability;
                    array.Add(connection);
                }

                return array;
            }

            public JsonObject PullEntry()
            {
                var byProvider = new JsonObject();
                foreach (var slug in Pulls.Select(p => p.Slug).Distinct(StringComparer.Ordinal))
                {
                    var pulled = new JsonObject();
                    foreach (var (_, resource, pull) in Pulls.Where(p => p.Slug == slug))
                    {
                        pulled[resource] = pull.DeepClone();
                    }

                    var notPulled = _notPulled.GetValueOrDefault(slug) ?? [];
                    byProvider[slug] = new JsonObject { ["pulled"] = pulled, ["not_pulled"] = new JsonArray([.. notPulled.Select(n => JsonValue.Create(n))]) };
                }

                return new JsonObject { ["user_id"] = id, ["provider"] = byProvider };
            }

            public JsonObject ResourceEntry()
            {
                var byProvider = new JsonObject();
                foreach (var (slug, resource, data) in Fresh)
                {
                    if (byProvider[slug] is not JsonObject resources)
                    {
                        byProvider[slug] = resources = new JsonObject();
                    }

                    resources[resource] = data.DeepClone();
                }

                // The spec's example writes provider before user_id.
                return new JsonObject { ["provider"] = byProvider, ["user_id"] = id };
            }

            private static JsonObject Scopes(string[] granted, string[] denied) => new()
            {
                ["user_granted"] = new JsonObject { ["required"] = new JsonArray([.. granted.Select(s => JsonValue.Create(s))]), ["optional"] = new JsonArray() },
                ["user_denied"] = new JsonObject { ["required"] = new JsonArray([.. denied.Select(s => JsonValue.Create(s))]), ["optional"] = new JsonArray() },
            };
        }
    }
}
