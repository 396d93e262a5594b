using Microsoft.Extensions.Logging;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// A sink an operator adds in configuration (<c>Serilog:WriteTo</c>, here Serilog's file sink) sits inside the
/// secret masking like the sinks the dashboard registers itself: templates, properties and exceptions masked.
/// </summary>
public sealed class ConfiguredSinkMaskingTests : IDisposable
{
    private readonly DirectoryInfo _logs = Directory.CreateTempSubdirectory("dashboard-configured-sink-");

    [Fact]
    public async Task Logging_SinkFromTheSerilogSection_NeverSeesASecret()
    {
        var path = Path.Combine(_logs.FullName, "operator.log");
        await using (var factory = Factory(Anonymous(
            ("Serilog:Using:0", "Serilog.Sinks.File"),
            ("Serilog:WriteTo:0:Name", "File"),
            ("Serilog:WriteTo:0:Args:path", path),
            ("Serilog:WriteTo:0:Args:outputTemplate", "{Level:u3} {Message:lj} {Properties:j}{NewLine}{Exception}")), Upstream(out _)))
        {
            var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Dashboard.Tests.Careless");

#pragma warning disable CA1848, CA2254 // Careless on purpose: this is what the masking is for.
            logger.LogInformation("Interpolated into the template: " + LiveKey);
            logger.LogInformation("As a property {Key}", LiveKey);
            logger.LogError(new InvalidOperationException("Calling with " + LiveKey), "It failed");
#pragma warning restore CA1848, CA2254
        }

        var text = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        Assert.Contains("Interpolated into the template: ***", text, StringComparison.Ordinal);
        Assert.Contains("As a property ***", text, StringComparison.Ordinal);
        Assert.Contains("Calling with ***", text, StringComparison.Ordinal);
        Assert.DoesNotContain(LiveKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_SinkFromTheSerilogSection_IsWrittenOnceWithTheSectionsLevels()
    {
        var path = Path.Combine(_logs.FullName, "levels.log");
        await using (var factory = Factory(Anonymous(
            ("Serilog:MinimumLevel:Override:Dashboard.Tests.Quiet", "Warning"),
            ("Serilog:Using:0", "Serilog.Sinks.File"),
            ("Serilog:WriteTo:0:Name", "File"),
            ("Serilog:WriteTo:0:Args:path", path),
            ("Serilog:WriteTo:0:Args:outputTemplate", "{SourceContext} {Message:lj}{NewLine}")), Upstream(out _)))
        {
            var loggers = factory.Services.GetRequiredService<ILoggerFactory>();

#pragma warning disable CA1848
            loggers.CreateLogger("Dashboard.Tests.Loud").LogInformation("heard");
            loggers.CreateLogger("Dashboard.Tests.Quiet").LogInformation("not heard");
#pragma warning restore CA1848
        }

        var lines = await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken);
        Assert.Single(lines, l => l == "Dashboard.Tests.Loud heard");
        Assert.DoesNotContain(lines, l => l.Contains("not heard", StringComparison.Ordinal));
    }

    public void Dispose() => _logs.Delete(recursive: true);
}
