using Dashboard.Web.Security;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Filters;
using Serilog.Formatting.Compact;

namespace Dashboard.Web.Hosting;

internal static class LoggingSetup
{
    /// <summary>
    /// Serilog from the <c>Serilog</c> section: readable text in Development, compact JSON to the console
    /// elsewhere (what log shippers read), request logging, the audit trail to its own file (<c>Audit:Path</c>),
    /// and the configured secrets masked wherever they could slip in.
    /// </summary>
    /// <remarks>
    /// The console, the audit file, every <see cref="ILogEventSink"/> registered in DI and every sink configured under
    /// <c>Serilog:WriteTo</c> (or <c>Serilog:AuditTo</c>) sit behind one <see cref="SecretMaskingSink"/> that rewrites
    /// template, properties and exception: the section is read twice, its levels, filters and enrichers for the whole
    /// logger and its sinks for a sub-logger inside the masking, so no configured sink ever sees an event unmasked.
    /// Each host keeps its own logger (<c>preserveStaticLogger</c>): the static <c>Log.Logger</c> is process-wide,
    /// and two hosts in one process (tests) would otherwise write into each other's sinks.
    /// </remarks>
    public static WebApplicationBuilder AddDashboardLogging(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        var configuration = builder.Configuration;
        // A sink that fails (the audit file on a full disk) says so on standard error rather than nowhere.
        Serilog.Debugging.SelfLog.Enable(Console.Error);
        builder.Services.AddSingleton(sp => new SecretMasker(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSerilog((services, logger) =>
        {
            var masker = services.GetRequiredService<SecretMasker>();
            var auditPath = AuditOptions.EffectivePath(configuration);
            var auditDays = configuration.GetValue(AuditOptions.SectionName + ":" + nameof(AuditOptions.RetainedDays), 365);

            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Extensions.Http", LogEventLevel.Warning)
                .MinimumLevel.Override("Polly", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                .MinimumLevel.Override(AuditLog.Category, LogEventLevel.Information)
                .ReadFrom.Configuration(SerilogSection(configuration, sinks: false))
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Application", "Dashboard.Web");

            foreach (var enricher in services.GetServices<ILogEventEnricher>())
            {
                logger.Enrich.With(enricher);
            }

            logger.Enrich.With(new ClientUserIdPathEnricher());
            // Last, so it sees what the others added.
            logger.Enrich.With(new SecretMaskingEnricher(masker));

            logger.WriteTo.Sink(Serilog.Configuration.LoggerSinkConfiguration.Wrap(sink => new SecretMaskingSink(sink, masker), sinks =>
            {
                if (development)
                {
                    sinks.Console(
                        outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                        formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                }
                else
                {
                    sinks.Console(new RenderedCompactJsonFormatter());
                }

                if (auditPath is not null)
                {
                    sinks.Logger(audit => audit
                        .Filter.ByIncludingOnly(Matching.FromSource(AuditLog.Category))
                        .WriteTo.File(new ChainedAuditFormatter(new RenderedCompactJsonFormatter(), AuditChain.Continue(auditPath)), auditPath,
                            rollingInterval: RollingInterval.Day, retainedFileCountLimit: Math.Max(1, auditDays)));
                }

                foreach (var sink in services.GetServices<ILogEventSink>())
                {
                    sinks.Sink(sink);
                }

                // Sinks an operator adds under Serilog:WriteTo (a file, Seq, ...): inside the masking like the others.
                var configuredSinks = SerilogSection(configuration, sinks: true);
                if (configuredSinks.GetSection(SerilogSectionName).Exists())
                {
                    sinks.Logger(configured => configured.MinimumLevel.Verbose().ReadFrom.Configuration(configuredSinks));
                }
            }));
        }, preserveStaticLogger: true);

        return builder;
    }

    private const string SerilogSectionName = "Serilog";

    /// <summary>Where sinks are declared in the <c>Serilog</c> section (and the assemblies that declare them).</summary>
    private static readonly string[] SinkKeys = ["WriteTo", "AuditTo", "Using"];

    /// <summary>
    /// A copy of the <c>Serilog</c> section with only its sinks (<paramref name="sinks"/>), or with everything else
    /// (levels, filters, enrichers, properties): the logger reads the second, the masked sub-logger the first.
    /// </summary>
    internal static IConfiguration SerilogSection(IConfiguration configuration, bool sinks)
    {
        var prefix = SerilogSectionName + ConfigurationPath.KeyDelimiter;
        // Leaves only: a host that copies its settings (the test host does) can give a parent section an empty value,
        // which Serilog would read as a sink named "".
        var values = configuration.GetSection(SerilogSectionName).AsEnumerable()
            .Where(entry => entry.Value is not null && entry.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && !configuration.GetSection(entry.Key).GetChildren().Any())
            .Where(entry =>
            {
                var first = entry.Key[prefix.Length..].Split(ConfigurationPath.KeyDelimiter)[0];
                var isSink = SinkKeys.Contains(first, StringComparer.OrdinalIgnoreCase);
                // Using is needed by both halves (an enricher's assembly, a sink's assembly).
                return sinks ? isSink : !isSink || string.Equals(first, "Using", StringComparison.OrdinalIgnoreCase);
            });
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
