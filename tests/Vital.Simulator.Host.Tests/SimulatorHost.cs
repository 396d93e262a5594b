using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Vital.Simulator.Host.Tests;

/// <summary>The real host on a fake clock, configured through settings like a deployment would be.</summary>
internal static class SimulatorHost
{
    public static readonly DateTimeOffset Now = new(2025, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static WebApplicationFactory<Program> Create(FakeTimeProvider time, int users = 120, int seed = 3, Dictionary<string, string>? settings = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Simulator:Users", users.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Simulator:Seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in settings ?? [])
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(time));
        });

    /// <summary>
    /// The host on Kestrel (a free local port), for what the in-memory test server cannot carry: it hands the host a
    /// path already decoded, so a client user id's literal <c>%20</c> and an encoded space look alike there.
    /// </summary>
    public static WebApplicationFactory<Program> CreateOnKestrel(FakeTimeProvider time, int users = 120, int seed = 3)
    {
        var factory = Create(time, users, seed);
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    /// <summary>The same team in process, for comparing answers.</summary>
    public static VitalSimulator InProcess(FakeTimeProvider time, int users = 120, int seed = 3) =>
        new(new SimulatorOptions { Users = users, Seed = seed }, time);
}
