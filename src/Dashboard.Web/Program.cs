using Dashboard.Web.Hosting;
using Dashboard.Web.Observability;

// dotnet Dashboard.Web.dll audit verify <file>...: checks the audit files' hash chain, then exits.
if (args is ["audit", "verify", .. var files])
{
    return Dashboard.Web.Security.AuditChain.Verify(files, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddDashboardConfiguration();
builder.AddDashboardLogging();
builder.AddDashboardServices();
builder.AddDashboardTelemetry();

var app = builder.Build();

app.UseDashboard();

app.Run();
return 0;

/// <summary>The entry point, public for WebApplicationFactory.</summary>
public partial class Program;
