using System.Globalization;
using CsvHelper;
using Dashboard.Diagnosis;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;

namespace Dashboard.Web.Exports;

/// <summary>
/// The team grid as CSV: one row per user × provider × resource, for the users the grid's filters select and
/// the pulls that match them; not-pulled resources get a row too (status empty). Written row by row to the
/// response with CsvHelper (formula-looking values escaped), never assembled in memory.
/// </summary>
public static class TeamCsv
{
    public static readonly string[] Header =
    [
        "user_id", "provider", "resource", "status", "error_details", "range_start", "range_end", "days_with_data",
        "coverage", "scheduled_at", "started_at", "ended_at", "release", "trace_id", "worst_finding",
    ];

    public static async Task WriteAsync(Stream destination, IReadOnlyList<TeamUser> users, TeamQuery query, DiagnosisEngine engine, CancellationToken cancellationToken)
    {
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };
        await using var csv = CsvWriter.Create(destination, options, leaveOpen: true);
        await csv.WriteRecordAsync(Header, cancellationToken).ConfigureAwait(false);

        var rows = 0;
        foreach (var user in users)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!TeamViewBuilder.Matches(user, query))
            {
                continue;
            }

            var diagnosis = engine.Diagnose(user.ToPulls(), user.AsOf);
            foreach (var pull in user.Pulls)
            {
                if (!TeamViewBuilder.PullMatches(pull, query))
                {
                    continue;
                }

                var resource = diagnosis.Providers.First(p => p.Provider == pull.Provider).Resources.First(r => r.Resource == pull.Resource);
                await csv.WriteRecordAsync(
                [
                    user.UserId, pull.Provider, pull.Resource, pull.Status.Value, pull.ErrorDetails ?? string.Empty,
                    Time(pull.RangeStart), Time(pull.RangeEnd), pull.DaysWithData.ToString(CultureInfo.InvariantCulture),
                    resource.Coverage is { } coverage ? Math.Round(coverage, 3).ToString(CultureInfo.InvariantCulture) : string.Empty,
                    Time(pull.ScheduledAt), Time(pull.StartedAt), Time(pull.EndedAt),
                    pull.Release ?? string.Empty, pull.TraceId ?? string.Empty,
                    WorstFinding(diagnosis, pull.Provider, pull.Resource) ?? string.Empty,
                ], cancellationToken).ConfigureAwait(false);
                rows++;
            }

            if (query.Statuses.IsEmpty)
            {
                foreach (var entry in user.NotPulled)
                {
                    if (!query.Providers.IsEmpty && !query.Providers.Contains(entry.Provider))
                    {
                        continue;
                    }

                    foreach (var name in entry.Resources.Where(r => query.Resources.IsEmpty || query.Resources.Contains(r)))
                    {
                        await csv.WriteRecordAsync(
                        [
                            user.UserId, entry.Provider, name, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty,
                            string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, FindingCodes.ResourcesNotPulled,
                        ], cancellationToken).ConfigureAwait(false);
                        rows++;
                    }
                }
            }

            if (rows >= 500)
            {
                await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
                rows = 0;
            }
        }

        await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string? WorstFinding(UserDiagnosis diagnosis, string provider, string resource) =>
        diagnosis.Findings.FirstOrDefault(f => f.Provider == provider && f.Resource == resource)?.Code;

    /// <summary>UTC ISO-8601 to the tick, as the diagnosis JSON writes it: the same pull shows the same instant in both.</summary>
    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) ?? string.Empty;
}
