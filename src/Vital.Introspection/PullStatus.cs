using System.Collections.Frozen;
using System.Text.Json.Serialization;

namespace Vital.Introspection;

/// <summary>The status of one historical pull. Open: unknown values are kept verbatim.</summary>
[JsonConverter(typeof(OpenStringJsonConverter<PullStatus>))]
public readonly record struct PullStatus : IOpenString<PullStatus>
{
    private readonly string? _value;

    public PullStatus(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    public static PullStatus Scheduled { get; } = new("scheduled");
    public static PullStatus InProgress { get; } = new("in_progress");
    public static PullStatus Success { get; } = new("success");
    public static PullStatus Retrying { get; } = new("retrying");
    public static PullStatus Failure { get; } = new("failure");

    /// <summary>The older docs page's name for a failed pull; treated as <see cref="Failure"/>.</summary>
    public static PullStatus Error { get; } = new("error");

    /// <summary>The statuses the current upstream spec documents, in the order a pull moves through them.</summary>
    public static IReadOnlyList<PullStatus> Documented { get; } = [Scheduled, InProgress, Retrying, Success, Failure];

    private static readonly FrozenSet<string> KnownValues =
        new[] { "scheduled", "in_progress", "success", "retrying", "failure", "error" }.ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => KnownValues.Contains(Value);

    /// <summary><c>failure</c> or the legacy <c>error</c>: the pull ended without its data.</summary>
    public bool IsFailureLike => this == Failure || this == Error;

    /// <summary>Scheduled, in progress or retrying: the pull may still change on its own.</summary>
    public bool IsActive => this == Scheduled || this == InProgress || this == Retrying;

    public static PullStatus From(string value) => new(value);

    public bool Equals(PullStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
