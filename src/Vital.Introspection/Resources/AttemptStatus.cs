using System.Collections.Frozen;
using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>How Vital's last attempt to read or ingest a resource ended. Open: unknown values are kept verbatim.</summary>
[JsonConverter(typeof(OpenStringJsonConverter<AttemptStatus>))]
public readonly record struct AttemptStatus : IOpenString<AttemptStatus>
{
    private static readonly FrozenSet<string> KnownValues = new[] { "success", "failure" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly string? _value;

    public AttemptStatus(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    public static AttemptStatus Success { get; } = new("success");

    public static AttemptStatus Failure { get; } = new("failure");

    public bool IsKnown => KnownValues.Contains(Value);

    public static AttemptStatus From(string value) => new(value);

    public bool Equals(AttemptStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
