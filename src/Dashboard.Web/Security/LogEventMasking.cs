using Serilog.Events;
using Serilog.Parsing;

namespace Dashboard.Web.Security;

/// <summary>
/// Rewrites a log event so no secret survives in it: property values (strings, objects rendered with
/// <c>ToString()</c>, nested structures), the message template's own text (an interpolated message), and the
/// exception (replaced by a <see cref="MaskedException"/> whose text is masked).
/// </summary>
internal static class LogEventMasking
{
    public static LogEvent Mask(LogEvent logEvent, SecretMasker masker)
    {
        if (!masker.HasSecrets)
        {
            return logEvent;
        }

        var changed = false;
        var template = logEvent.MessageTemplate;
        if (masker.Contains(template.Text))
        {
            template = new MessageTemplateParser().Parse(masker.Apply(template.Text));
            changed = true;
        }

        var properties = new List<LogEventProperty>(logEvent.Properties.Count);
        foreach (var (name, value) in logEvent.Properties)
        {
            var masked = Mask(value, masker);
            changed |= !ReferenceEquals(masked, value);
            properties.Add(new LogEventProperty(name, masked));
        }

        var exception = logEvent.Exception;
        if (exception is not null and not MaskedException && masker.Contains(exception.ToString()))
        {
            exception = new MaskedException(exception, masker);
            changed = true;
        }

        return changed
            ? new LogEvent(logEvent.Timestamp, logEvent.Level, exception, template, properties, logEvent.TraceId ?? default, logEvent.SpanId ?? default)
            : logEvent;
    }

    /// <summary>The value with secrets masked; the same instance when nothing changed.</summary>
    public static LogEventPropertyValue Mask(LogEventPropertyValue value, SecretMasker masker)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                return masker.Contains(text) ? new ScalarValue(masker.Apply(text)) : value;

            case ScalarValue { Value: null or bool or char or byte or sbyte or short or ushort or int or uint or long or ulong
                or float or double or decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum }:
                return value;

            case ScalarValue scalar:
                // An object logged without @ is rendered with ToString() later: mask what it would render.
                var rendered = Convert.ToString(scalar.Value, System.Globalization.CultureInfo.InvariantCulture);
                return masker.Contains(rendered) ? new ScalarValue(masker.Apply(rendered!)) : value;

            case SequenceValue sequence:
                var elements = sequence.Elements.Select(e => Mask(e, masker)).ToList();
                return elements.Where((e, i) => !ReferenceEquals(e, sequence.Elements[i])).Any() ? new SequenceValue(elements) : value;

            case StructureValue structure:
                var members = structure.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Value, masker))).ToList();
                return members.Where((m, i) => !ReferenceEquals(m.Value, structure.Properties[i].Value)).Any()
                    ? new StructureValue(members, structure.TypeTag)
                    : value;

            case DictionaryValue dictionary:
                var original = dictionary.Elements.ToList();
                var entries = original
                    .Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>((ScalarValue)Mask(e.Key, masker), Mask(e.Value, masker)))
                    .ToList();
                return entries.Where((e, i) => !ReferenceEquals(e.Key, original[i].Key) || !ReferenceEquals(e.Value, original[i].Value)).Any()
                    ? new DictionaryValue(entries)
                    : value;

            default:
                return value;
        }
    }
}
