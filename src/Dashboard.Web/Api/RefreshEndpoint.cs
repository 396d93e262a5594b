using System.Globalization;
using System.Text.Json;
using Dashboard.Web.Input;
using Dashboard.Web.Refresh;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Antiforgery;

namespace Dashboard.Web.Api;

/// <summary>
/// <c>POST /api/users/{userId}/refresh</c>: the manual refresh, for the <c>operator</c> role only, with the
/// antiforgery token of a dashboard page (a cross-site form or a script without one is refused before Vital hears
/// of it), under the API's rate limit and Vital's hourly allowance. 200 with what Vital did; 400 when Vital refused
/// (no connected source); 429 when the allowance is used up, here or at Vital; 502-504 when Vital could not be asked.
/// </summary>
public static class RefreshEndpoint
{
    /// <summary>The JSON of an outcome: the web defaults (camelCase).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public static RouteHandlerBuilder MapManualRefresh(this IEndpointRouteBuilder api) =>
        api.MapPost("/users/{userId}/refresh", RefreshAsync)
            .WithName("RefreshUser")
            .RequireAuthorization(DashboardPolicies.Operator);

    private static async Task<IResult> RefreshAsync(string userId, HttpContext context, IAntiforgery antiforgery, ManualRefreshes refreshes, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!InputRules.TryNormalizeUserId(userId, out var id))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a Vital user id", detail: InputRules.UserIdProblem);
        }

        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The refresh was not confirmed",
                detail: "Ask Vital to refresh from the user's page in the dashboard: this request carried no valid antiforgery token, so Vital was not asked.");
        }

        var outcome = await refreshes.RefreshAsync(id, context.User, AuditLog.CorrelationId(context), context.Connection.RemoteIpAddress?.ToString(), cancellationToken)
            .ConfigureAwait(false);
        return outcome.Outcome switch
        {
            ManualRefreshKind.Refreshed or ManualRefreshKind.InProgress => Results.Json(outcome, Json),
            ManualRefreshKind.Refused => Problem(outcome, StatusCodes.Status400BadRequest, "Vital refused the refresh"),
            ManualRefreshKind.RateLimitedByVital => TooMany(context, outcome, "Vital's limit of refreshes for this user is reached"),
            ManualRefreshKind.LimitReached => TooMany(context, outcome, "This hour's refreshes for this user are used up"),
            _ => Problem(outcome, StatusCodes.Status502BadGateway, "Vital could not be asked"),
        };
    }

    private static IResult TooMany(HttpContext context, ManualRefreshOutcome outcome, string title)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((outcome.RetryAfter ?? RefreshAllowance.Window).TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problem(outcome, StatusCodes.Status429TooManyRequests, title);
    }

    /// <summary>
    /// A problem body that carries the outcome's members too (written as the 200 answer writes them, so the two cannot
    /// drift apart): a page or script reads one shape either way.
    /// </summary>
    private static IResult Problem(ManualRefreshOutcome outcome, int status, string title) =>
        Results.Problem(statusCode: status, title: title, detail: outcome.Summary,
            extensions: JsonSerializer.SerializeToElement(outcome, Json).EnumerateObject().ToDictionary(m => m.Name, m => (object?)m.Value.Clone()));
}
