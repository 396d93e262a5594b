using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Observability;

/// <summary>
/// The simulated team on a real loopback socket, so the dashboard's calls go through the real HttpClient handler
/// and its instrumentation (which an in-process handler skips).
/// </summary>
internal sealed class SimulatorOverHttp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorOverHttp(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public VitalSimulator Simulator => _app.Services.GetRequiredService<VitalSimulator>();

    public static async Task<SimulatorOverHttp> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Simulator:Users"] = "120", ["Simulator:Seed"] = "7" });
        builder.Services.AddVitalSimulator(builder.Configuration);
        var app = builder.Build();
        app.MapVitalSimulator();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new SimulatorOverHttp(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
