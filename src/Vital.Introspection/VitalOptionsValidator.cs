using Microsoft.Extensions.Options;

namespace Vital.Introspection;

/// <summary>
/// Checks the <c>Vital</c> section at start. Every problem is reported with its configuration key and
/// never with the key's value.
/// </summary>
public sealed class VitalOptionsValidator : IValidateOptions<VitalOptions>
{
    public ValidateOptionsResult Validate(string? name, VitalOptions options)
    {
        var problems = new List<string>();
        var hasKey = !string.IsNullOrWhiteSpace(options.ApiKey);

        if (options.ApiKey is { Length: > 0 } key && (key.Any(char.IsWhiteSpace) || key.Any(char.IsControl)))
        {
            problems.Add("Vital:ApiKey contains spaces, line breaks or control characters; copy the key again without them.");
        }

        if (options.BaseUrl is { } baseUrl)
        {
            if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add("Vital:BaseUrl must be an absolute http or https URL, such as https://api.us.junction.com.");
            }
            else if (!string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment) || !string.IsNullOrEmpty(baseUrl.UserInfo))
            {
                problems.Add("Vital:BaseUrl must not carry a query string, fragment or credentials.");
            }
        }

        if (options.Mode is { } mode && !Enum.IsDefined(mode))
        {
            // A number such as 2 binds to the enum without complaint; it must not slip past the live-mode checks
            // (and the sign-in rules that depend on them).
            problems.Add("Vital:Mode must be Live or Simulator.");
        }

        if (options.EffectiveMode == VitalMode.Live)
        {
            if (!hasKey)
            {
                problems.Add("Vital:ApiKey is required when Vital:Mode is Live; set it, or remove Vital:Mode to run on the simulated team.");
            }
            else if (options.BaseUrl is null && VitalEnvironment.FromApiKey(options.ApiKey) is null)
            {
                problems.Add("Vital:BaseUrl is required because Vital:ApiKey does not start with pk_us_, pk_eu_, sk_us_ or sk_eu_.");
            }

            if (IsInsecure(options))
            {
                problems.Add(
                    "Vital:BaseUrl must be https in live mode (plain http is allowed only on a loopback host): over http the team key crosses the network readable. " +
                    "For the simulator or a test upstream only, set Vital:AllowInsecureBaseUrl=true.");
            }
        }

        if (options.UserLimit is < 1 or > 50)
        {
            problems.Add("Vital:UserLimit must be between 1 and 50 (Vital serves at most 50 users a page).");
        }

        if (options.CacheSeconds is < 0 or > 86_400)
        {
            problems.Add("Vital:CacheSeconds must be between 0 and 86400.");
        }

        if (options.ScanConcurrency is < 1 or > 64)
        {
            problems.Add("Vital:ScanConcurrency must be between 1 and 64.");
        }

        if (!Enum.IsDefined(options.ScanMode))
        {
            problems.Add("Vital:ScanMode must be PerProvider or Sequential.");
        }

        if (options.ScanPatience < TimeSpan.Zero || options.ScanPatience > TimeSpan.FromHours(1))
        {
            problems.Add("Vital:ScanPatience must be between 00:00:00 and 01:00:00, such as 00:03:00.");
        }

        var r = options.Resilience;
        if (r.MaxRetryAttempts is < 0 or > 10)
        {
            problems.Add("Vital:Resilience:MaxRetryAttempts must be between 0 and 10.");
        }

        if (r.BaseDelay <= TimeSpan.Zero)
        {
            problems.Add("Vital:Resilience:BaseDelay must be positive, such as 00:00:00.5.");
        }

        if (r.MaxDelay < r.BaseDelay)
        {
            problems.Add("Vital:Resilience:MaxDelay must be at least Vital:Resilience:BaseDelay.");
        }

        if (r.AttemptTimeout < TimeSpan.FromMilliseconds(10) || r.AttemptTimeout > TimeSpan.FromDays(1))
        {
            problems.Add("Vital:Resilience:AttemptTimeout must be between 10 ms and 1 day.");
        }

        if (r.TotalTimeout < r.AttemptTimeout)
        {
            problems.Add("Vital:Resilience:TotalTimeout must be at least Vital:Resilience:AttemptTimeout.");
        }

        if (r.CircuitBreakerFailureRatio is <= 0 or > 1)
        {
            problems.Add("Vital:Resilience:CircuitBreakerFailureRatio must be greater than 0 and at most 1.");
        }

        if (r.CircuitBreakerMinimumThroughput < 2)
        {
            problems.Add("Vital:Resilience:CircuitBreakerMinimumThroughput must be at least 2.");
        }

        if (r.CircuitBreakerSamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            problems.Add("Vital:Resilience:CircuitBreakerSamplingDuration must be at least 00:00:00.5.");
        }

        if (r.CircuitBreakerBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            problems.Add("Vital:Resilience:CircuitBreakerBreakDuration must be at least 00:00:00.5.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>
    /// Whether live mode would send the key over plain http to a host that is not loopback. The opt-in
    /// (<see cref="VitalOptions.AllowInsecureBaseUrl"/>) is not consulted here: callers that warn about it use
    /// <see cref="UsesInsecureBaseUrl"/>.
    /// </summary>
    private static bool IsInsecure(VitalOptions options) => UsesInsecureBaseUrl(options) && !options.AllowInsecureBaseUrl;

    /// <summary>A live base URL over plain http on a host that is not loopback (allowed or not).</summary>
    public static bool UsesInsecureBaseUrl(VitalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.EffectiveMode == VitalMode.Live
            && options.BaseUrl is { IsAbsoluteUri: true } url
            && url.Scheme == Uri.UriSchemeHttp
            && !url.IsLoopback;
    }
}
