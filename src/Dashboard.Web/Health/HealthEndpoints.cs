using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.Health;

internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddDashboardHealth(this IServiceCollection services)
    {
        services.AddSingleton<UpstreamHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<UpstreamHealthCheck>("vital", tags: [ReadyTag])
            .AddCheck<AuditSinkHealthCheck>("audit", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// <c>/healthz</c>: liveness, no upstream call. <c>/readyz</c>: configuration valid (the process would not have
    /// started otherwise) and the upstream reachable. Both anonymous: orchestrators call them.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboardHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous().DisableHttpMetrics();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .AllowAnonymous().DisableHttpMetrics();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
