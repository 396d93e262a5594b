using System.Collections.Frozen;
using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>Whether Vital can read a resource from a connection. Open: unknown values are kept verbatim.</summary>
[JsonConverter(typeof(OpenStringJsonConverter<AvailabilityStatus>))]
public readonly record struct AvailabilityStatus : IOpenString<AvailabilityStatus>
{
    private static readonly FrozenSet<string> KnownValues = new[] { "available", "unavailable" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly string? _value;

    public AvailabilityStatus(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    public static AvailabilityStatus Available { get; } = new("available");

    /// <summary>The user denied a scope the resource needs.</summary>
    public static AvailabilityStatus Unavailable { get; } = new("unavailable");

    public bool IsKnown => KnownValues.Contains(Value);

    public static AvailabilityStatus From(string value) => new(value);

    public bool Equals(AvailabilityStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
