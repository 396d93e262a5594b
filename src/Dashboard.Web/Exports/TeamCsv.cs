using System.Globalization;
using CsvHelper;
using Dashboard.Diagnosis;
using Dashboard.Store.Connections;
using Dashboard.Web.Connections;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;

namespace Dashboard.Web.Exports;

/// <summary>
/// The team grid as CSV: one row per user × provider × resource, for the users the grid's filters select and
/// the pulls that match them; not-pulled resources get a row too (status empty), and so do resources Vital holds
/// ongoing data of but never pulled (status empty). The ongoing data's columns (newest data, last attempt, stale)
/// follow the historical pull's; the client user id is there when the dashboard knows it (Vital lists it per user
/// only); the connection's columns (its status, error type and when it was read) are the connection sweep's latest
/// reading of the row's provider, empty while it has not read the user. Written row by row to the response with CsvHelper (formula-looking values escaped), never assembled in memory.
/// </summary>
public static class TeamCsv
{
    /// <summary>The columns; new ones are only ever added at the end, so scripts reading by position keep working.</summary>
    public static readonly string[] Header =
    [
        "user_id", "provider", "resource", "status", "error_details", "range_start", "range_end", "days_with_data",
        "coverage", "scheduled_at", "started_at", "ended_at", "release", "trace_id", "worst_finding",
        "client_user_id", "newest_data", "last_attempt", "last_attempt_status", "stale",
        "connection_status", "connection_error_type", "connection_read_at",
    ];

    public static async Task WriteAsync(
        Stream destination,
        IReadOnlyList<TeamUser> users,
        TeamQuery query,
        ClientUserIds clientUserIds,
        ConnectionReadings? connections,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientUserIds);
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };
        await using var csv = CsvWriter.Create(destination, options, leaveOpen: true);
        await csv.WriteRecordAsync(Header, cancellationToken).ConfigureAwait(false);

        var rows = 0;
        foreach (var user in users)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!TeamViewBuilder.Matches(user, query, clientUserIds, connections))
            {
                continue;
            }

            var reading = connections?.Of(user.UserId);

            var clientUserId = clientUserIds.Of(user.UserId) ?? string.Empty;
            foreach (var pull in user.Pulls)
            {
                if (!TeamViewBuilder.PullMatches(pull, query))
                {
                    continue;
                }

                await csv.WriteRecordAsync(
                [
                    user.UserId, pull.Provider, pull.Resource, pull.Status.Value, pull.ErrorDetails ?? string.Empty,
                    Time(pull.RangeStart), Time(pull.RangeEnd), pull.DaysWithData.ToString(CultureInfo.InvariantCulture),
                    RangeDayCounter.Coverage(pull.DaysWithData, pull.RangeStart, pull.RangeEnd) is { } coverage ? Math.Round(coverage, 3).ToString(CultureInfo.InvariantCulture) : string.Empty,
                    Time(pull.ScheduledAt), Time(pull.StartedAt), Time(pull.EndedAt),
                    pull.Release ?? string.Empty, pull.TraceId ?? string.Empty,
                    WorstFinding(user, pull.Provider, pull.Resource) ?? string.Empty,
                    clientUserId, .. Ongoing(user, pull.Provider, pull.Resource), .. Connection(reading, pull.Provider),
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
                            clientUserId, .. Ongoing(user, entry.Provider, name), .. Connection(reading, entry.Provider),
                        ], cancellationToken).ConfigureAwait(false);
                        rows++;
                    }
                }

                // Resources Vital holds ongoing data of without a historical pull (or a not-pulled entry).
                foreach (var ongoing in user.Ongoing)
                {
                    if (!TeamViewBuilder.OngoingMatches(ongoing, query) || HasRow(user, ongoing.Provider, ongoing.Resource))
                    {
                        continue;
                    }

                    await csv.WriteRecordAsync(
                    [
                        user.UserId, ongoing.Provider, ongoing.Resource, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty,
                        string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty,
                        clientUserId, .. Ongoing(user, ongoing.Provider, ongoing.Resource), .. Connection(reading, ongoing.Provider),
                    ], cancellationToken).ConfigureAwait(false);
                    rows++;
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

    /// <summary>The ongoing data's four columns for one resource: empty when the scan did not read it or Vital holds none.</summary>
    private static string[] Ongoing(TeamUser user, string provider, string resource)
    {
        foreach (var ongoing in user.Ongoing)
        {
            if (ongoing.Provider == provider && ongoing.Resource == resource)
            {
                return [Time(ongoing.NewestData), Time(ongoing.LastAttemptAt), ongoing.AttemptStatus ?? string.Empty, ongoing.Stale ? "true" : "false"];
            }
        }

        return [string.Empty, string.Empty, string.Empty, string.Empty];
    }

    /// <summary>
    /// The connection's three columns for one provider: its status and error type as Vital said them and when the sweep
    /// read them; the time alone when the reading found no connection to it; empty while the user is unread.
    /// </summary>
    private static string[] Connection(UserConnections? reading, string provider)
    {
        if (reading is null)
        {
            return [string.Empty, string.Empty, string.Empty];
        }

        var connection = reading.Connections.FirstOrDefault(c => c.Provider == provider);
        return [connection?.Status ?? string.Empty, connection?.ErrorType ?? string.Empty, Time(reading.ReadAt)];
    }

    /// <summary>The resource already has a row: a pull, or a not-pulled entry.</summary>
    private static bool HasRow(TeamUser user, string provider, string resource)
    {
        foreach (var pull in user.Pulls)
        {
            if (pull.Provider == provider && pull.Resource == resource)
            {
                return true;
            }
        }

        return user.NotPulled.Any(n => n.Provider == provider && n.Resources.Contains(resource));
    }

    /// <summary>The first (worst) of the user's findings about this resource, as the grid's diagnosis found them.</summary>
    private static string? WorstFinding(TeamUser user, string provider, string resource)
    {
        foreach (var finding in user.Findings)
        {
            if (finding.Provider == provider && finding.Resource == resource)
            {
                return finding.Code;
            }
        }

        return null;
    }

    /// <summary>UTC ISO-8601 to the tick, as the diagnosis JSON writes it: the same pull shows the same instant in both.</summary>
    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) ?? string.Empty;
}
