using Serilog.Core;
using Serilog.Events;

namespace Dashboard.Web.Security;

/// <summary>Masks the properties of every event, for sinks added from configuration that the masking sink does not wrap.</summary>
internal sealed class SecretMaskingEnricher(SecretMasker masker) : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (!masker.HasSecrets)
        {
            return;
        }

        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            var masked = LogEventMasking.Mask(value, masker);
            if (!ReferenceEquals(masked, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, masked));
            }
        }
    }
}
