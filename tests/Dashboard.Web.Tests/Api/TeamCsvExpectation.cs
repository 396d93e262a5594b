using System.Globalization;
using Dashboard.Diagnosis;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// What <c>/api/users.csv</c> should hold for a set of filters, worked out from the upstream's own answers (the pulls
/// and the ongoing data, read with the introspection client, diagnosed with the engine), following the issues' rules
/// rather than the export's code: a user matches the status, provider and resource filters when one of their pulls
/// matches all three (or, without a status filter, a not-pulled resource or one with ongoing data); rows are the
/// matching pulls, plus not-pulled rows and rows for resources with ongoing data only when there is no status filter.
/// A resource is stale when its newest data is older than its provider's limit and its pull succeeded or never ran;
/// <c>stale=true</c> selects users with a stale resource the provider and resource filters name (any, without them).
/// </summary>
public sealed record TeamCsvExpectation(string[] Statuses, string[] Providers, string[] Resources, string? Search, bool AttentionOnly, bool StaleOnly = false)
{
    public static readonly string[] Header =
    [
        "user_id", "provider", "resource", "status", "error_details", "range_start", "range_end", "days_with_data",
        "coverage", "scheduled_at", "started_at", "ended_at", "release", "trace_id", "worst_finding",
        "client_user_id", "newest_data", "last_attempt", "last_attempt_status", "stale",
        "connection_status", "connection_error_type", "connection_read_at",
    ];

    /// <summary>The client user id column: the dashboard fills it once it has read the user, so it is compared apart.</summary>
    public const int ClientUserIdColumn = 15;

    private static readonly int[] TimeColumns = [5, 6, 9, 10, 11, 16, 17, 22];

    /// <summary>The connection columns of a user the sweep has not read (the test hosts run without the sweep).</summary>
    private static readonly string[] Unread = ["", "", ""];

    /// <summary>The filters as the query string states them (lists comma-separated, names case-insensitive).</summary>
    public static TeamCsvExpectation FromQuery(string query)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        string[] List(string name) => values.TryGetValue(name, out var v)
            ? [.. v.SelectMany(x => x!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(x => x.ToLowerInvariant())]
            : [];
        return new TeamCsvExpectation(
            List("status"), List("provider"), List("resource"),
            values.TryGetValue("q", out var q) && !string.IsNullOrWhiteSpace(q) ? q.ToString().Trim() : null,
            values.TryGetValue("attention", out var a) && bool.Parse(a.ToString()),
            values.TryGetValue("stale", out var st) && bool.Parse(st.ToString()));
    }

    /// <summary>The expected rows, each normalized by <see cref="Normalize"/> (the client user id column left empty).</summary>
    public IEnumerable<string> ExpectedRows(
        IEnumerable<UserHistoricalPulls> team, IReadOnlyDictionary<string, UserResources> ongoing, DiagnosisEngine engine, DateTimeOffset asOf)
    {
        var users = team.ToDictionary(u => u.UserId, StringComparer.Ordinal);
        foreach (var id in ongoing.Keys.Where(id => !users.ContainsKey(id)))
        {
            users[id] = UserHistoricalPulls.Empty(id);
        }

        foreach (var user in users.Values)
        {
            var fresh = ongoing.GetValueOrDefault(user.UserId);
            var diagnosis = engine.Diagnose(
                new UserSources
                {
                    UserId = user.UserId,
                    Pulls = SourceRead<UserHistoricalPulls>.Ok(user),
                    Resources = SourceRead<UserResources>.Ok(fresh ?? UserResources.Empty(user.UserId)),
                },
                asOf);
            var pulls = user.Providers.SelectMany(p => p.Value.Pulled.Select(r => (Provider: p.Key.Value, Resource: r.Key.Value, Pull: r.Value))).ToList();
            var notPulled = user.Providers.SelectMany(p => p.Value.NotPulled.Select(r => (Provider: p.Key.Value, Resource: r.Value))).Distinct().ToList();
            var freshness = (fresh?.Providers ?? new Dictionary<ProviderSlug, IReadOnlyDictionary<ResourceName, ResourceFreshness>>())
                .SelectMany(p => p.Value.Select(r => (Provider: p.Key.Value, Resource: r.Key.Value, Freshness: r.Value)))
                .ToList();
            bool IsStale(string provider, string resource)
            {
                var f = freshness.FirstOrDefault(x => x.Provider == provider && x.Resource == resource).Freshness;
                var pull = pulls.FirstOrDefault(p => p.Provider == provider && p.Resource == resource).Pull;
                return f is not null && (pull is null || pull.Status == PullStatus.Success) && engine.Thresholds.IsStale(provider, f.NewestData, asOf);
            }

            string[] Ongoing(string provider, string resource)
            {
                var f = freshness.FirstOrDefault(x => x.Provider == provider && x.Resource == resource).Freshness;
                return f is null
                    ? ["", "", "", ""]
                    : [Time(f.NewestData), Time(f.LastAttempt?.Timestamp), f.LastAttempt?.Status.Value ?? "", IsStale(provider, resource) ? "true" : "false"];
            }

            var matchingPulls = pulls.Where(p => In(Statuses, p.Pull.Status.Value) && In(Providers, p.Provider) && In(Resources, p.Resource)).ToList();
            var matchingNotPulled = Statuses.Length == 0 ? notPulled.Where(n => In(Providers, n.Provider) && In(Resources, n.Resource)).ToList() : [];
            var matchingOngoing = Statuses.Length == 0
                ? freshness.Where(f => In(Providers, f.Provider) && In(Resources, f.Resource)
                    && !pulls.Any(p => p.Provider == f.Provider && p.Resource == f.Resource)
                    && !notPulled.Contains((f.Provider, f.Resource))).ToList()
                : [];
            var filtered = Statuses.Length > 0 || Providers.Length > 0 || Resources.Length > 0;
            var userStale = freshness.Any(f => IsStale(f.Provider, f.Resource) && In(Providers, f.Provider) && In(Resources, f.Resource));
            var matches = (!filtered || matchingPulls.Count > 0 || matchingNotPulled.Count > 0 || freshness.Any(f => Statuses.Length == 0 && In(Providers, f.Provider) && In(Resources, f.Resource)))
                && (Search is null || user.UserId.Contains(Search, StringComparison.OrdinalIgnoreCase))
                && (!AttentionOnly || diagnosis.Overall >= Severity.Warning)
                && (!StaleOnly || userStale);
            if (!matches)
            {
                continue;
            }

            foreach (var (provider, resource, pull) in matchingPulls)
            {
                var days = pull.RangeStart is { } start && pull.RangeEnd is { } end && end > start ? (int?)Math.Ceiling((end - start).TotalDays) : null;
                yield return Normalize(
                [
                    user.UserId, provider, resource, pull.Status.Value, pull.ErrorDetails?.Value ?? "",
                    Time(pull.RangeStart), Time(pull.RangeEnd), pull.DaysWithData.ToString(CultureInfo.InvariantCulture),
                    days is { } d ? ((double)pull.DaysWithData / d).ToString(CultureInfo.InvariantCulture) : "",
                    Time(pull.Timeline.ScheduledAt), Time(pull.Timeline.StartedAt), Time(pull.Timeline.EndedAt),
                    pull.Release ?? "", pull.TraceId ?? "",
                    diagnosis.Findings.FirstOrDefault(f => f.Provider == provider && f.Resource == resource)?.Code ?? "",
                    "", .. Ongoing(provider, resource), .. Unread,
                ]);
            }

            foreach (var (provider, resource) in matchingNotPulled)
            {
                yield return Normalize([user.UserId, provider, resource, "", "", "", "", "", "", "", "", "", "", "", "resources_not_pulled", "", .. Ongoing(provider, resource), .. Unread]);
            }

            foreach (var (provider, resource, _) in matchingOngoing)
            {
                yield return Normalize([user.UserId, provider, resource, "", "", "", "", "", "", "", "", "", "", "", "", "", .. Ongoing(provider, resource), .. Unread]);
            }
        }
    }

    /// <summary>
    /// One row as comparable text: times as exact UTC instants (the CSV must write them as ISO-8601 ending in Z),
    /// coverage to the three decimals the export keeps.
    /// </summary>
    public static string Normalize(string[] row)
    {
        Assert.Equal(Header.Length, row.Length);
        var copy = (string[])row.Clone();
        foreach (var column in TimeColumns)
        {
            if (copy[column].Length > 0)
            {
                copy[column] = ApiAssert.UtcTime(copy[column]).UtcTicks.ToString(CultureInfo.InvariantCulture);
            }
        }

        if (copy[8].Length > 0)
        {
            copy[8] = Math.Round(double.Parse(copy[8], CultureInfo.InvariantCulture), 3).ToString("R", CultureInfo.InvariantCulture);
        }

        return string.Join(" | ", copy);
    }

    private static bool In(string[] filter, string value) => filter.Length == 0 || filter.Contains(value, StringComparer.Ordinal);

    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) ?? "";
}
