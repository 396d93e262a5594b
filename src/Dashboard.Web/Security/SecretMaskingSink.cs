using Serilog.Core;
using Serilog.Events;

namespace Dashboard.Web.Security;

/// <summary>Wraps the dashboard's sinks: each event is masked whole (template, properties, exception) before they see it.</summary>
internal sealed class SecretMaskingSink(ILogEventSink inner, SecretMasker masker) : ILogEventSink, IDisposable
{
    public void Emit(LogEvent logEvent) => inner.Emit(LogEventMasking.Mask(logEvent, masker));

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
