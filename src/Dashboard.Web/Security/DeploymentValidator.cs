using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// Settings outside the <c>Auth</c> section that would undo what sign-in protects, checked with it at start (one
/// message per problem, naming the setting).
/// </summary>
internal sealed class DeploymentValidator(IConfiguration configuration, IHostEnvironment environment, IOptions<Vital.Introspection.VitalOptions> vital)
    : IValidateOptions<AuthOptions>
{
    /// <summary>The framework's switch (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, read without its prefix too).</summary>
    private static readonly string[] ForwardedHeadersSwitches = ["ForwardedHeaders_Enabled", "ASPNETCORE_FORWARDEDHEADERS_ENABLED"];

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var problems = new List<string>();

        if (ForwardedHeadersSwitches.Any(key => string.Equals(configuration[key], "true", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add(
                "ASPNETCORE_FORWARDEDHEADERS_ENABLED=true makes ASP.NET Core believe X-Forwarded-For, -Proto and -Host from every sender. " +
                "Remove it and list your reverse proxies in ForwardedHeaders:KnownNetworks instead.");
        }

        // Development shows exception details on pages and loads user-secrets: fine with the simulated team or a sandbox
        // key, not with a production team's data.
        if (environment.IsDevelopment() && vital.Value.EffectiveMode == Vital.Introspection.VitalMode.Live
            && Vital.Introspection.VitalEnvironment.FromApiKey(vital.Value.ApiKey) is not { Environment: "sandbox" })
        {
            problems.Add(
                "ASPNETCORE_ENVIRONMENT=Development shows error details on pages: it runs only on the simulated team or with a sandbox Vital:ApiKey (sk_us_, sk_eu_). " +
                "Use ASPNETCORE_ENVIRONMENT=Production with a production key.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
