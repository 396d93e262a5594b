using Microsoft.Extensions.Options;
using Vital.Simulator;

// The simulated Vital team over HTTP, for docker-compose, benchmarks and browser tests:
//   dotnet run --project src/Vital.Simulator.Host -- --urls http://127.0.0.1:5080
// configured like any host, e.g. Simulator__Users=10000 Simulator__Faults__LatencyMs=50.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddVitalSimulator(builder.Configuration);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning); // also when appsettings.json is not in the content root

var app = builder.Build();
// Bad settings are refused here, before Run, which disposes a host that fails to start (see the dashboard's UseDashboard).
app.Services.GetRequiredService<IStartupValidator>().Validate();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapVitalSimulator();
app.Run();

public partial class Program;
