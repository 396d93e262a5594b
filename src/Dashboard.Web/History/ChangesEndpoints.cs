using System.Globalization;
using CsvHelper;
using Dashboard.Store.Hosting;
using Dashboard.Store.Reading;
using Dashboard.Web.Api;
using Dashboard.Web.Components.Pages.Changes;
using Dashboard.Web.Security;

namespace Dashboard.Web.History;

/// <summary><c>/api/changes.csv</c>: what <c>/changes</c> shows, every row, with the same query string.</summary>
internal static class ChangesEndpoints
{
    /// <summary>Rows in one export at most (a team-wide incident can clear thousands of problems at once).</summary>
    public const int CsvLimit = 100_000;

    public static readonly string[] Header = ["seen_at", "change", "severity", "code", "provider", "resource", "user_id", "link"];

    public static IEndpointRouteBuilder MapDashboardChanges(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/changes.csv", GetChangesCsvAsync).RequireRateLimiting(DashboardApi.RateLimitPolicy)
            .RequireAuthorization(DashboardPolicies.Exporter).WithName("GetChangesCsv");
        return endpoints;
    }

    private static async Task<IResult> GetChangesCsvAsync(
        HttpContext context, IHistoryReader reader, TeamScope scope, TimeProvider timeProvider, IAuditLog audit, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var query = ChangesQuery.Parse(context.Request.Query, now, out var problems);
        if (problems.Count > 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The filters are not valid", detail: string.Join(" ", problems));
        }

        ProblemChanges changes;
        try
        {
            changes = await reader.GetProblemChangesAsync(scope.Value, query.ToFilter(now, CsvLimit), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The history cannot be read right now", detail: StoreFailure.Describe(ex) + ".");
        }

        audit.Record(AuditAction.ChangesCsv, userId: null, context, detail: query.ToQueryString());
        var fileName = $"vital-changes-since-{query.SinceTime(now).UtcDateTime:yyyyMMdd-HHmm}.csv";
        return Results.Stream(async stream =>
        {
            var options = new CsvWriterOptions { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };
            await using var csv = CsvWriter.Create(stream, options, leaveOpen: true);
            await csv.WriteRecordAsync(Header, cancellationToken).ConfigureAwait(false);
            foreach (var change in changes.Changes)
            {
                await csv.WriteRecordAsync(
                    new[]
                    {
                        change.SeenAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        change.Appeared ? "appeared" : "cleared",
                        change.Severity,
                        change.Code,
                        change.Provider ?? string.Empty,
                        change.Resource ?? string.Empty,
                        change.UserId,
                        DashboardApi.UserLink(context.Request, change.UserId),
                    },
                    cancellationToken).ConfigureAwait(false);
            }
        }, contentType: "text/csv; charset=utf-8", fileDownloadName: fileName);
    }
}
