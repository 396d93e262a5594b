using Microsoft.Extensions.Primitives;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Dashboard.Web.Security;

/// <summary>
/// Knows the configured secrets (<c>Vital:ApiKey</c>, <c>Auth:OpenIdConnect:ClientSecret</c>, followed through
/// configuration reloads) and replaces every occurrence of them in text with <see cref="Mask"/>.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "***";

    /// <summary>Values shorter than this are not masked: they would blank out ordinary words.</summary>
    public const int MinimumSecretLength = 8;

    public static readonly IReadOnlyList<string> SecretKeys = ["Vital:ApiKey", "Auth:OpenIdConnect:ClientSecret"];

    private volatile string[] _secrets = [];

    public SecretMasker(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Load(configuration);
        ChangeToken.OnChange(configuration.GetReloadToken, () => Load(configuration));
    }

    /// <summary>For tests and for hosts without configuration.</summary>
    public SecretMasker(IEnumerable<string?> secrets) => _secrets = Normalize(secrets);

    public bool HasSecrets => _secrets.Length > 0;

    public bool Contains(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text with every secret replaced; the same instance when there was none.</summary>
    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = text;
        foreach (var secret in _secrets)
        {
            if (result.Contains(secret, StringComparison.Ordinal))
            {
                result = result.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return result;
    }

    private void Load(IConfiguration configuration) => _secrets = Normalize(SecretKeys.Select(key => configuration[key]));

    private static string[] Normalize(IEnumerable<string?> secrets) =>
        [.. secrets
            .Select(s => s?.Trim())
            .Where(s => s is { Length: >= MinimumSecretLength })
            .Select(s => s!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)];
}

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

/// <summary>Stands in for an exception whose text held a secret: same type name and stack, secrets masked.</summary>
public sealed class MaskedException : Exception
{
    private readonly string _text;

    internal MaskedException(Exception original, SecretMasker masker)
        : base(masker.Apply(original.Message))
    {
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        _text = masker.Apply(original.ToString());
    }

    public string OriginalType { get; }

    public override string? StackTrace => null;

    public override string ToString() => _text;
}

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

/// <summary>Wraps the dashboard's sinks: each event is masked whole (template, properties, exception) before they see it.</summary>
internal sealed class SecretMaskingSink(ILogEventSink inner, SecretMasker masker) : ILogEventSink, IDisposable
{
    public void Emit(LogEvent logEvent) => inner.Emit(LogEventMasking.Mask(logEvent, masker));

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
