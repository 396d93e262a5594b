using Dashboard.Web.Data;
using Dashboard.Web.Input;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.Features;
using Vital.Introspection;

namespace Dashboard.Web.Api;

/// <summary>
/// Finds a user by the customer's own id: <c>/users/by-client-id/{clientUserId}</c> redirects to the user's page, and
/// <c>/api/users/by-client-id/{clientUserId}/diagnosis</c> (or <c>.md</c>) answers the user's diagnosis. The id is any
/// string, so it is read from the request exactly as sent and decoded once (the server would otherwise decode
/// <c>%25</c> but not <c>%2F</c>, and two different ids could arrive alike).
/// </summary>
public static class ClientUserIdLookup
{
    public const string PagePrefix = "/users/by-client-id/";
    public const string ApiPrefix = "/api/users/by-client-id/";

    /// <summary>What the not-found page reads to say which id was not found (or why it was refused).</summary>
    public const string NotFoundItem = "client-user-id-not-found";
    public const string ProblemItem = "client-user-id-problem";
    public const string UpstreamItem = "client-user-id-upstream";

    public static IEndpointRouteBuilder MapClientUserIdLookup(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/users/by-client-id", PageAsync).ExcludeFromDescription();
        endpoints.MapGet(PagePrefix + "{**rest}", PageAsync).ExcludeFromDescription();

        var api = endpoints.MapGroup("/api").RequireRateLimiting(DashboardApi.RateLimitPolicy);
        api.MapGet("/users/by-client-id", ApiAsync).ExcludeFromDescription();
        api.MapGet("/users/by-client-id/{**rest}", ApiAsync).WithName("GetDiagnosisByClientUserId");
        return endpoints;
    }

    /// <summary>
    /// A request path with the client user id in it replaced by <c>{clientUserId}</c> (for the logs), the API's format
    /// kept; any other path, the same string.
    /// </summary>
    public static string WithoutClientUserId(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.StartsWith(PagePrefix, StringComparison.OrdinalIgnoreCase) && path.Length > PagePrefix.Length)
        {
            return PagePrefix + "{clientUserId}";
        }

        if (path.StartsWith(ApiPrefix, StringComparison.OrdinalIgnoreCase) && path.Length > ApiPrefix.Length)
        {
            var format = path.EndsWith("/diagnosis", StringComparison.OrdinalIgnoreCase) ? "/diagnosis"
                : path.EndsWith("/diagnosis.md", StringComparison.OrdinalIgnoreCase) ? "/diagnosis.md"
                : string.Empty;
            return ApiPrefix + "{clientUserId}" + format;
        }

        return path;
    }

    /// <summary>The client id in the request target after <paramref name="prefix"/>, decoded once; null when there is none.</summary>
    public static string? Read(HttpContext context, string prefix, out string? format)
    {
        ArgumentNullException.ThrowIfNull(context);
        format = null;
        // The request target exactly as sent when the server keeps it (Kestrel and IIS do): decoded once below. Without
        // it, the path as the server decoded it, where only an encoded slash is left encoded.
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var decoded = rawTarget is not { Length: > 0 };
        var raw = decoded ? context.Request.PathBase.Add(context.Request.Path).Value ?? string.Empty : rawTarget!;
        var query = decoded ? -1 : raw.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? raw : raw[..query];
        var start = path.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return null;
        }

        var segment = path[(start + prefix.Length)..];
        if (prefix == ApiPrefix)
        {
            foreach (var suffix in new[] { "/diagnosis.md", "/diagnosis" })
            {
                if (segment.EndsWith(suffix, StringComparison.Ordinal))
                {
                    format = suffix[1..];
                    segment = segment[..^suffix.Length];
                    break;
                }
            }
        }

        if (decoded)
        {
            return segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }

        try
        {
            return Uri.UnescapeDataString(segment);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static async Task<IResult> PageAsync(HttpContext context, IDiagnosisService diagnoses, IAuditLog audit, CancellationToken cancellationToken)
    {
        var clientUserId = Read(context, PagePrefix, out _);
        if (!InputRules.IsClientUserId(clientUserId))
        {
            context.Items[ProblemItem] = InputRules.ClientUserIdProblem;
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        try
        {
            if (await diagnoses.ResolveAsync(clientUserId, cancellationToken).ConfigureAwait(false) is not { } userId)
            {
                context.Items[NotFoundItem] = clientUserId;
                return Results.NotFound();
            }

            audit.Record(AuditAction.ClientUserIdLookup, userId, context);
            var tz = context.Request.Query["tz"].ToString();
            var target = $"{context.Request.PathBase}/users/{Uri.EscapeDataString(userId)}";
            return Results.Redirect(tz.Length > 0 ? $"{target}?tz={Uri.EscapeDataString(tz)}" : target);
        }
        catch (VitalApiException ex)
        {
            var (status, title, detail) = UpstreamProblems.Describe(ex);
            context.Items[UpstreamItem] = $"{title}: {detail}";
            return Results.StatusCode(status);
        }
    }

    private static async Task<IResult> ApiAsync(
        string? refresh, HttpContext context, IDiagnosisService diagnoses, IAuditLog audit, Microsoft.Extensions.Options.IOptions<VitalOptions> options, CancellationToken cancellationToken)
    {
        var clientUserId = Read(context, ApiPrefix, out var format);
        if (format is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: "Ask for /api/users/by-client-id/{clientUserId}/diagnosis or /diagnosis.md, with the id URL-encoded.");
        }

        if (!InputRules.IsClientUserId(clientUserId))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a client user id", detail: InputRules.ClientUserIdProblem);
        }

        try
        {
            if (await diagnoses.ResolveAsync(clientUserId, cancellationToken).ConfigureAwait(false) is not { } userId)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Client user id not found",
                    detail: $"Vital knows no user with this client user id in {Asked(options.Value)}. Check for a typo, or whether the user belongs to another environment.");
            }

            audit.Record(AuditAction.ClientUserIdLookup, userId, context);
            return await DashboardApi.DiagnosisAsync(
                format == "diagnosis.md" ? DashboardApi.DiagnosisFormat.Markdown : DashboardApi.DiagnosisFormat.Json,
                userId, refresh, context, diagnoses, audit, cancellationToken).ConfigureAwait(false);
        }
        catch (VitalApiException ex)
        {
            return UpstreamProblems.ToResult(ex, context);
        }
    }

    /// <summary>"the team of this dashboard's API key, in Vital's sandbox (US) environment": what was asked, for a not-found answer.</summary>
    public static string Asked(VitalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.EffectiveMode == VitalMode.Simulator)
        {
            return "the simulated demo team";
        }

        var environment = VitalEnvironment.FromApiKey(options.ApiKey)?.Name;
        return environment is null
            ? $"the team of this dashboard's API key, at {options.EffectiveBaseUrl?.Host}"
            : $"the team of this dashboard's API key, in Vital's {environment} environment";
    }
}
