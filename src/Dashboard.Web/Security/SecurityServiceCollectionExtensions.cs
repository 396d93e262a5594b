namespace Dashboard.Web.Security;

/// <summary>
/// The hardening that sits beside sign-in (issue 15): host names, proxies, limits, sessions, roles, the audit chain,
/// the key ring's encryption. One registration and one place in the pipeline, so the host's table of contents stays
/// short.
/// </summary>
public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddDashboardAllowedHosts();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AuthOptions>, DeploymentValidator>();
        return services;
    }

    /// <summary>Right after forwarded headers are applied: what depends on the request's final host and address.</summary>
    public static WebApplication UseDashboardSecurity(this WebApplication app)
    {
        ListenAddressReport.WarnWhenExposed(app);
        app.UseForwardedHostCheck();
        return app;
    }
}
