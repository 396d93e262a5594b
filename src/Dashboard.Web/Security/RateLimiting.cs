using System.Globalization;
using System.Threading.RateLimiting;
using Dashboard.Web.Api;

namespace Dashboard.Web.Security;

internal static class RateLimiting
{
    /// <summary>
    /// A sliding window per signed-in user (or client address) on the API and export endpoints, so one runaway
    /// script cannot spend the team's upstream capacity. Over the limit: 429 with Retry-After and words.
    /// </summary>
    public static IServiceCollection AddDashboardRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName))
            .Validate(o => o.RequestsPerMinute is >= 1 and <= 100_000, "Api:RequestsPerMinute must be between 1 and 100000.")
            .Validate(o => o.ForcedRefreshesPerMinute is >= 1 and <= 1_000, "Api:ForcedRefreshesPerMinute must be between 1 and 1000.")
            .ValidateOnStart();

        services.AddSingleton<ForcedRefreshes>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(DashboardApi.RateLimitPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.RequestsPerMinute;
                // Runs after authentication, so a signed-in person is one partition wherever they connect from;
                // with Auth:Mode=None everyone is "anonymous", so the client address tells them apart.
                var partition = AuditLog.CountedAs(context);
                return RateLimitPartition.GetSlidingWindowLimiter(partition, _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(10);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: $"This account asked the dashboard's API too often. Wait {(int)Math.Ceiling(retryAfter.TotalSeconds)} seconds and try again; scripts should space their calls out.")
                    .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
        });

        return services;
    }
}
