using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;

namespace Dashboard.Web.Security;

/// <summary>
/// Writes each audit event as <paramref name="inner"/> would (one JSON object a line) with <c>PrevHash</c> added: the
/// hash of the line before it (<see cref="AuditChain"/>), starting from <paramref name="previous"/>.
/// </summary>
internal sealed class ChainedAuditFormatter(ITextFormatter inner, string previous) : ITextFormatter
{
    private readonly Lock _gate = new();
    private string _previous = previous;

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        inner.Format(logEvent, buffer);
        var json = buffer.ToString().TrimEnd('\r', '\n');
        if (!json.EndsWith('}'))
        {
            throw new InvalidOperationException("The audit formatter writes one JSON object a line.");
        }

        lock (_gate)
        {
            var line = json[..^1] + ",\"" + AuditChain.Property + "\":\"" + _previous + "\"}";
            _previous = AuditChain.Hash(line);
            output.Write(line);
            output.Write('\n');
        }
    }
}
