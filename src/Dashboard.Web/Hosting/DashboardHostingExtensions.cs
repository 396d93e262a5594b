using Dashboard.Diagnosis;
using Dashboard.Web.Alerts;
using Dashboard.Web.Api;
using Dashboard.Web.Components;
using Dashboard.Web.Connections;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.Health;
using Dashboard.Web.History;
using Dashboard.Web.Observability;
using Dashboard.Web.Security;
using Dashboard.Web.Ui;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Serilog;

namespace Dashboard.Web.Hosting;

/// <summary>The table of contents of the dashboard host: what it registers and how requests flow.</summary>
public static class DashboardHostingExtensions
{
    public static WebApplicationBuilder AddDashboardServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<IDashboardEnvironment, DashboardEnvironment>();

        services.AddDashboardData(configuration);
        services.AddDiagnosis(configuration);
        services.AddSingleton<IDiagnosisService, DiagnosisService>();
        services.AddTeamSnapshots();
        services.AddDashboardStore(configuration, builder.Environment);
        services.AddConnectionSweep(configuration);
        services.AddDashboardAlerts(configuration);
        services.AddDashboardAudit();
        services.AddDashboardDataProtection(configuration);
        services.AddDashboardAuthentication(configuration, builder.Environment);
        services.AddDashboardSecurity(configuration, builder.Environment);
        services.AddDashboardRateLimiting(configuration);
        services.AddDashboardForwardedHeaders(configuration);
        services.AddDashboardRequestLimits();
        services.AddDashboardHealth();

        services.AddRazorComponents().AddInteractiveServerComponents(CircuitLimits.Configure).AddHubOptions(CircuitLimits.Configure);
        services.AddSingleton<Security.HubConnectionLimiter>();
        services.AddMudServices();
        services.AddSingleton(sp => ThemeStylesheet.Create(sp, DashboardTheme.Theme));
        services.AddScoped<TimeDisplay>();
        services.AddScoped<BrowserInterop>();
        services.AddScoped<Components.Pages.Users.UserPageState>();
        services.AddOptions<UiOptions>().Bind(configuration.GetSection(UiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UiOptions>, UiOptionsValidator>();
        services.AddProblemDetails();

        return builder;
    }

    /// <summary>
    /// The order matters: the peer address is captured before forwarded headers rewrite it (the trusted-proxy
    /// decision uses it); security headers are registered before anything can answer; authentication runs before
    /// authorization, and both before the rate limiter (which partitions by signed-in user) and antiforgery.
    /// </summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        // Every setting registered with ValidateOnStart is checked here, while the app is built, rather than in app.Run:
        // a host that fails inside Run disposes itself as it fails, and a test host (WebApplicationFactory) waiting on it
        // may then see the disposal instead of the message naming the key. Failing here fails the same way everywhere.
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        StartupReport.Write(app.Services);

        app.UsePeerAddressCapture();
        app.UseDashboardForwardedHeaders();
        app.UseDashboardSecurity();
        app.UseDashboardSecurityHeaders();

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            // Health probes and scrapes every few seconds would drown the log.
            options.GetLevel = (context, _, error) =>
                error is not null || context.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/readyz") || context.Request.Path.StartsWithSegments(TelemetrySetup.MetricsPath) ? Serilog.Events.LogEventLevel.Verbose
                : Serilog.Events.LogEventLevel.Information;
        });

        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(app.Services.GetRequiredService<Security.HubConnectionLimiter>().InvokeAsync);
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapDashboardHealth();
        app.MapDashboardMetrics();
        app.MapDashboardSignIn();
        app.MapDashboardApi();
        app.MapClientUserIdLookup();
        app.MapDashboardChanges();
        // CSS, scripts and icons are not sensitive, and the sign-in and access-denied pages need them.
        app.MapStaticAssets().AllowAnonymous();
        ThemeStylesheet.MapThemeStylesheet(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        return app;
    }
}
