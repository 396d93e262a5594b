using Dashboard.Diagnosis;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Exports;
using Dashboard.Web.Input;
using Dashboard.Web.Security;
using Vital.Introspection;

namespace Dashboard.Web.Api;

/// <summary>
/// The JSON, Markdown and CSV endpoints that scripts and tickets use. Routes are stable: links to them get
/// pasted into tickets.
/// </summary>
public static class DashboardApi
{
    public const string RateLimitPolicy = "api";

    /// <summary>On <c>/api/users.csv</c>: <c>complete</c>, or <c>incomplete</c> when the scan gave up on some walks (ADR 0016).</summary>
    public const string TeamSnapshotHeader = "X-Team-Snapshot";

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireRateLimiting(RateLimitPolicy);

        api.MapGet("/users/{userId}/diagnosis", GetDiagnosisJsonAsync).WithName("GetDiagnosis");
        api.MapGet("/users/{userId}/diagnosis.md", GetDiagnosisMarkdownAsync).WithName("GetDiagnosisMarkdown");
        api.MapGet("/users.csv", GetTeamCsvAsync).WithName("GetTeamCsv").RequireAuthorization(DashboardPolicies.Exporter);
        api.MapManualRefresh();

        return endpoints;
    }

    /// <summary>Where a user's page lives, from the request's scheme and host (forwarded headers applied).</summary>
    public static string UserLink(HttpRequest request, string userId) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/users/{Uri.EscapeDataString(userId)}";

    private static Task<IResult> GetDiagnosisJsonAsync(
        string userId, string? refresh, HttpContext context, IDiagnosisService diagnoses, IAuditLog audit, CancellationToken cancellationToken) =>
        DiagnosisAsync(DiagnosisFormat.Json, userId, refresh, context, diagnoses, audit, cancellationToken);

    private static Task<IResult> GetDiagnosisMarkdownAsync(
        string userId, string? refresh, HttpContext context, IDiagnosisService diagnoses, IAuditLog audit, CancellationToken cancellationToken) =>
        DiagnosisAsync(DiagnosisFormat.Markdown, userId, refresh, context, diagnoses, audit, cancellationToken);

    /// <summary>One user's diagnosis as JSON or Markdown: the same checks, the same upstream answers, one audit line.</summary>
    internal static async Task<IResult> DiagnosisAsync(
        DiagnosisFormat format, string userId, string? refresh, HttpContext context, IDiagnosisService diagnoses, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (!InputRules.TryNormalizeUserId(userId, out var id))
        {
            return BadUserId();
        }

        if (!TryParseRefresh(refresh, out var fresh))
        {
            return BadRefresh();
        }

        if (fresh && !context.RequestServices.GetRequiredService<ForcedRefreshes>()
                .TryTake(context.User, AuditLog.CountedAs(context)))
        {
            return TooManyRefreshes(context);
        }

        try
        {
            var diagnosis = await diagnoses.GetAsync(id, fresh, cancellationToken).ConfigureAwait(false) with { Link = UserLink(context.Request, id) };
            if (format == DiagnosisFormat.Markdown)
            {
                audit.Record(AuditAction.DiagnosisMarkdown, id, context);
                return Results.Text(DiagnosisMarkdown.Render(diagnosis), "text/markdown; charset=utf-8");
            }

            audit.Record(AuditAction.DiagnosisJson, id, context);
            return Results.Json(diagnosis, DiagnosisJson.Options);
        }
        catch (VitalApiException ex)
        {
            return UpstreamProblems.ToResult(ex, context);
        }
    }

    private static async Task<IResult> GetTeamCsvAsync(
        HttpContext context,
        ITeamSnapshots snapshots,
        TeamViewCache views,
        ClientUserIds clientUserIds,
        Connections.ConnectionReadings connections,
        IAuditLog audit,
        CancellationToken cancellationToken)
    {
        var query = TeamQuery.Parse(context.Request.Query, out var problems);
        if (problems.Count > 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The filters are not valid", detail: string.Join(" ", problems));
        }

        var snapshot = await snapshots.WhenCompleteAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot.Error is not null)
        {
            // An export missing the users after a failed page would pass for the whole team: refuse it (the grid can
            // show what it has with a banner; a file cannot). Upstream trouble answers as on the diagnosis endpoints.
            return snapshot.UpstreamError is { } upstream
                ? UpstreamProblems.ToResult(upstream, context)
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The team could not be read from Vital", detail: snapshot.Error);
        }

        audit.Record(AuditAction.TeamCsv, userId: null, context, detail: query.ToQueryString());
        // An incomplete snapshot (a walk ran out of Vital:ScanPatience) is served, and says so in the file's name and a
        // header a script can check; a whole one says "complete" there.
        var fileName = $"vital-historical-pulls-{snapshot.StartedAt.UtcDateTime:yyyyMMdd-HHmm}{(snapshot.IsIncomplete ? "-incomplete" : string.Empty)}.csv";
        context.Response.Headers[TeamSnapshotHeader] = snapshot.IsIncomplete ? "incomplete" : "complete";
        return Results.Stream(
            // The grid's own view (shared with the pages): its users, in its order (those needing attention first).
            stream => TeamCsv.WriteAsync(stream, views.Get(snapshot, query, TeamSort.Default).Users, query, clientUserIds, connections, cancellationToken),
            contentType: "text/csv; charset=utf-8",
            fileDownloadName: fileName);
    }

    /// <summary>
    /// <c>refresh</c> is read here rather than bound as a bool: a failed binding answers 400 without a body, which the
    /// status-code pages then turn into the HTML not-found page, not a problem a script can read.
    /// </summary>
    private static bool TryParseRefresh(string? text, out bool refresh)
    {
        refresh = false;
        return string.IsNullOrEmpty(text) || bool.TryParse(text, out refresh);
    }

    /// <summary>Past the cache too often: 429 with a minute's wait; the cached answer is still there without refresh.</summary>
    private static IResult TooManyRefreshes(HttpContext context)
    {
        var perMinute = context.RequestServices.GetRequiredService<ForcedRefreshes>().PerMinute;
        context.Response.Headers.RetryAfter = "60";
        return Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many fresh reads",
            detail: $"refresh=true asks Vital again past the dashboard's cache, at most {perMinute} times a minute per person. Ask without refresh for the cached answer, or wait a minute.");
    }

    private static IResult BadRefresh() =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The refresh parameter is not valid", detail: "refresh must be true or false.");

    private static IResult BadUserId() =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a Vital user id", detail: InputRules.UserIdProblem);

    internal enum DiagnosisFormat
    {
        Json,
        Markdown,
    }
}
