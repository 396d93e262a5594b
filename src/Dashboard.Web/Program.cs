using Dashboard.Web.Hosting;
using Dashboard.Web.Observability;

var builder = WebApplication.CreateBuilder(args);

builder.AddDashboardConfiguration();
builder.AddDashboardLogging();
builder.AddDashboardServices();
builder.AddDashboardTelemetry();

var app = builder.Build();

app.UseDashboard();

app.Run();

/// <summary>The entry point, public for WebApplicationFactory.</summary>
public partial class Program;
