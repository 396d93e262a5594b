using System.Collections.Frozen;
using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>The status of a user's connection to one provider. Open: unknown values are kept verbatim.</summary>
[JsonConverter(typeof(OpenStringJsonConverter<ConnectionStatus>))]
public readonly record struct ConnectionStatus : IOpenString<ConnectionStatus>
{
    private static readonly FrozenSet<string> KnownValues = new[] { "connected", "error", "paused" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly string? _value;

    public ConnectionStatus(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    /// <summary>Data flows.</summary>
    public static ConnectionStatus Connected { get; } = new("connected");

    /// <summary>The connection broke; <see cref="ConnectionError"/> says how.</summary>
    public static ConnectionStatus Error { get; } = new("error");

    /// <summary>De-registered 7 days after the user's ingestion end.</summary>
    public static ConnectionStatus Paused { get; } = new("paused");

    public bool IsKnown => KnownValues.Contains(Value);

    public static ConnectionStatus From(string value) => new(value);

    public bool Equals(ConnectionStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
