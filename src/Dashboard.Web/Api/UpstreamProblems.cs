using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Api;

/// <summary>
/// Upstream trouble as the dashboard's own answer: 502 (key rejected, bad answer), 503 (rate limited or
/// unavailable after retries), 504 (timed out). Words a support person understands; never a stack trace or the key.
/// </summary>
public static class UpstreamProblems
{
    public const string KeyRejected = "Vital rejected the dashboard's API key; ask an administrator to check Vital:ApiKey.";

    public static (int Status, string Title, string Detail) Describe(VitalApiException error) => error.Kind switch
    {
        VitalErrorKind.Unauthorized or VitalErrorKind.Forbidden =>
            (StatusCodes.Status502BadGateway, "Vital rejected the API key", KeyRejected),
        VitalErrorKind.RateLimited =>
            (StatusCodes.Status503ServiceUnavailable, "Vital is rate limiting the dashboard",
                "Vital is limiting how fast the dashboard may ask, and it was still limited after several retries. Wait a minute and try again."),
        VitalErrorKind.Unavailable or VitalErrorKind.Network =>
            (StatusCodes.Status503ServiceUnavailable, "Vital is unavailable", error.Message),
        VitalErrorKind.Timeout =>
            (StatusCodes.Status504GatewayTimeout, "Vital did not answer in time", error.Message),
        VitalErrorKind.MalformedResponse =>
            (StatusCodes.Status502BadGateway, "Vital sent an answer the dashboard could not read", error.Message),
        VitalErrorKind.NotFound =>
            (StatusCodes.Status502BadGateway, "Vital's endpoint was not found", error.Message),
        VitalErrorKind.Validation =>
            (StatusCodes.Status502BadGateway, "Vital rejected the request", error.Message),
        _ => (StatusCodes.Status502BadGateway, "Vital could not be read", error.Message),
    };

    public static IResult ToResult(VitalApiException error, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(context);
        var (status, title, detail) = Describe(error);

        // Some messages quote the upstream's own words (a 400/422 detail), and a server may echo the key it was sent.
        var key = context.RequestServices.GetService<IOptions<VitalOptions>>()?.Value.ApiKey;
        if (!string.IsNullOrWhiteSpace(key))
        {
            detail = detail.Replace(key.Trim(), "[the API key]", StringComparison.Ordinal);
        }

        if (error.RetryAfter is { } retryAfter && status == StatusCodes.Status503ServiceUnavailable && retryAfter > TimeSpan.Zero)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Results.Problem(new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Extensions = { ["upstreamError"] = error.Kind.ToString() },
        });
    }
}
