using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Vital.Introspection;

public static class VitalIntrospectionServiceCollectionExtensions
{
    public const string HttpClientName = "Vital.Introspection";

    /// <summary>
    /// Registers <see cref="IVitalIntrospectionClient"/> with options from the <c>Vital</c> section (validated at
    /// start) and the resilience pipeline from <c>Vital:Resilience</c>. Returns the client's builder so a host can
    /// swap the primary handler (the in-process simulator).
    /// </summary>
    public static IHttpClientBuilder AddVitalIntrospection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VitalOptions>()
            .Bind(configuration.GetSection(VitalOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VitalOptions>, VitalOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        var builder = services.AddHttpClient<IVitalIntrospectionClient, VitalIntrospectionClient>(HttpClientName, (sp, client) =>
        {
            var options = sp.GetRequiredService<IOptions<VitalOptions>>().Value;
            client.BaseAddress = WithTrailingSlash(options.EffectiveBaseUrl ?? VitalEnvironment.ProductionUs.BaseUrl);

            // The resilience pipeline owns time-outs; HttpClient's own would cut retries short.
            client.Timeout = Timeout.InfiniteTimeSpan;
        });

        // Never follow a redirect: the key travels in a header of its own, which .NET would send on to wherever a 3xx
        // points (it strips only Authorization). A redirect is reported instead, so the key reaches Vital:BaseUrl only.
        builder.ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });

        // Header values (the API key among them) never reach the HttpClient logs.
        builder.RedactLoggedHeaders(_ => true);

        // Outermost, so each call is one span and one measurement with its retries inside (Telemetry/).
        services.AddMetrics();
        services.TryAddSingleton<UpstreamMetrics>();
        builder.AddHttpMessageHandler(sp => new UpstreamTelemetryHandler(sp.GetRequiredService<UpstreamMetrics>(), sp.GetRequiredService<TimeProvider>()));

        builder.AddResilienceHandler("vital", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<VitalOptions>>().Value.Resilience;
            ConfigureResilience(pipeline, options, context.ServiceProvider.GetRequiredService<TimeProvider>());
        });

        // Inside the resilience handler, so a 200 whose body arrives cut off or garbled is retried like a 5xx.
        builder.AddHttpMessageHandler(() => new CompleteBodyHandler());

        // Inside the resilience handler, so every attempt waits out a pause another request was told about.
        // One gate for the whole process: concurrent scans back off together.
        services.TryAddSingleton<RateLimitGate>();
        builder.AddHttpMessageHandler(sp => new RateLimitGateHandler(sp.GetRequiredService<RateLimitGate>()));

        return builder;
    }

    /// <summary>
    /// Total time-out, then jittered exponential retries (408, 429, 5xx, time-outs and network errors, honouring
    /// <c>Retry-After</c> up to <see cref="VitalResilienceOptions.MaxDelay"/>), a circuit breaker, and the
    /// per-attempt time-out. 400, 401, 403, 404 and 422 are never retried: asking again cannot change them; nor is any
    /// request other than GET.
    /// </summary>
    public static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, VitalResilienceOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(timeProvider);
        pipeline.AddTimeout(options.TotalTimeout);

        if (options.MaxRetryAttempts > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options.MaxDelay, timeProvider.GetUtcNow())),
            };

            // A write (the manual refresh) is never repeated behind a person's back: Vital counts each one.
            retry.DisableForUnsafeHttpMethods();
            pipeline.AddRetry(retry);
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
        });

        pipeline.AddTimeout(options.AttemptTimeout);
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxDelay, DateTimeOffset now)
    {
        if (!HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }

        // A Retry-After longer than we are willing to wait: give up now and say so, rather than hang.
        if (outcome.Result is { } response
            && response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            && response.Headers.RetryAfter is { } retryAfter)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date - now);
            if (wait > maxDelay)
            {
                return false;
            }
        }

        return true;
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
