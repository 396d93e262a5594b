using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Security;

/// <summary>Every log event the host writes, rendered as the console would (message, properties, exception).</summary>
public sealed class InMemorySink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>All events as compact JSON with the rendered message and the exception's full text.</summary>
    public string Text()
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var formatter = new RenderedCompactJsonFormatter();
        foreach (var e in _events)
        {
            formatter.Format(e, writer);
            writer.Write(e.RenderMessage(CultureInfo.InvariantCulture));
            writer.WriteLine(e.Exception?.ToString());
        }

        return writer.ToString();
    }

    public IEnumerable<LogEvent> From(string sourceContext) =>
        Events.Where(e => e.Properties.TryGetValue("SourceContext", out var s) && s is ScalarValue { Value: string c } && c == sourceContext);
}

/// <summary>
/// Lets a test choose the connection's peer address with <see cref="Header"/>, before any of the app's middleware
/// runs (TestServer has no real peer). Without the header the peer is unknown, as TestServer leaves it.
/// </summary>
public sealed class TestPeerStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.Remove(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>Options that stay as given (for classes built by hand in tests).</summary>
public sealed class FixedOptionsMonitor<T>(T value) : Microsoft.Extensions.Options.IOptionsMonitor<T>
{
    public T CurrentValue { get; set; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}

internal static class SecurityTestKit
{
    public const string LiveKey = "sk_us_CANARYKEY_9f8e7d6c5b4a39281706f5e4";

    public static Dictionary<string, string?> Live(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Vital:ApiKey"] = LiveKey,
            ["Vital:BaseUrl"] = "https://upstream.test",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static Dictionary<string, string?> TrustedProxy(params (string Key, string? Value)[] extra) =>
        Live([("Auth:Mode", "TrustedProxy"), ("Auth:TrustedProxy:KnownProxies:0", "10.0.0.5"), ("Auth:TrustedProxy:KnownProxies:1", "192.168.10.0/24"), .. extra]);

    public static Dictionary<string, string?> Anonymous(params (string Key, string? Value)[] extra) =>
        Live([("Auth:Mode", "None"), ("Auth:AllowAnonymous", "true"), .. extra]);

    /// <summary>A simulated upstream of a few users, counted; <paramref name="userWithPulls"/> is one it has data for.</summary>
    public static CountingHandler Upstream(out string userWithPulls, int users = 8)
    {
        var simulator = new VitalSimulator(new SimulatorOptions { Users = users, Seed = 3 }, TimeProvider.System);
        userWithPulls = simulator.Team.UsersWithPulls.First();
        return new CountingHandler(new VitalSimulatorHandler(simulator));
    }

    public static DashboardFactory Factory(Dictionary<string, string?> settings, HttpMessageHandler? upstream = null, InMemorySink? sink = null, Action<IServiceCollection>? services = null) =>
        new(settings, upstream, s =>
        {
            s.AddSingleton<IStartupFilter, TestPeerStartupFilter>();
            if (sink is not null)
            {
                s.AddSingleton<ILogEventSink>(sink);
            }

            services?.Invoke(s);
        });

    /// <summary>A client on https (secure cookies travel) that does not follow redirects.</summary>
    public static HttpClient Client(DashboardFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    public static HttpRequestMessage Get(string url, string? peer = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (peer is not null)
        {
            request.Headers.Add(TestPeerStartupFilter.Header, peer);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
