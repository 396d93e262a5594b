using System.Globalization;
using Dashboard.Diagnosis;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// What <c>/api/users.csv</c> should hold for a set of filters, worked out from the upstream's own answer (read with
/// the introspection client, diagnosed with the engine), following the issue's rules rather than the export's code:
/// a user matches the status, provider and resource filters when one of their pulls matches all three; rows are the
/// matching pulls, plus not-pulled rows when there is no status filter.
/// </summary>
public sealed record TeamCsvExpectation(string[] Statuses, string[] Providers, string[] Resources, string? Search, bool AttentionOnly)
{
    public static readonly string[] Header =
    [
        "user_id", "provider", "resource", "status", "error_details", "range_start", "range_end", "days_with_data",
        "coverage", "scheduled_at", "started_at", "ended_at", "release", "trace_id", "worst_finding",
    ];

    private static readonly int[] TimeColumns = [5, 6, 9, 10, 11];

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
            values.TryGetValue("attention", out var a) && bool.Parse(a.ToString()));
    }

    /// <summary>The expected rows, each normalized by <see cref="Normalize"/>.</summary>
    public IEnumerable<string> ExpectedRows(IEnumerable<UserHistoricalPulls> team, DiagnosisEngine engine, DateTimeOffset asOf)
    {
        foreach (var user in team)
        {
            var diagnosis = engine.Diagnose(user, asOf);
            var pulls = user.Providers.SelectMany(p => p.Value.Pulled.Select(r => (Provider: p.Key.Value, Resource: r.Key.Value, Pull: r.Value))).ToList();
            var notPulled = user.Providers.SelectMany(p => p.Value.NotPulled.Select(r => (Provider: p.Key.Value, Resource: r.Value))).Distinct().ToList();

            var matchingPulls = pulls.Where(p => In(Statuses, p.Pull.Status.Value) && In(Providers, p.Provider) && In(Resources, p.Resource)).ToList();
            var matchingNotPulled = Statuses.Length == 0 ? notPulled.Where(n => In(Providers, n.Provider) && In(Resources, n.Resource)).ToList() : [];
            var filtered = Statuses.Length > 0 || Providers.Length > 0 || Resources.Length > 0;
            var matches = (!filtered || matchingPulls.Count > 0 || matchingNotPulled.Count > 0)
                && (Search is null || user.UserId.Contains(Search, StringComparison.OrdinalIgnoreCase))
                && (!AttentionOnly || diagnosis.Overall >= Severity.Warning);
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
                ]);
            }

            foreach (var (provider, resource) in matchingNotPulled)
            {
                yield return Normalize([user.UserId, provider, resource, "", "", "", "", "", "", "", "", "", "", "", "resources_not_pulled"]);
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
