using System.Text.Json.Serialization;

namespace Dashboard.Diagnosis;

/// <summary>How reading each source went (<c>sources</c> in the diagnosis JSON): a partial diagnosis says which part is missing.</summary>
public sealed record DiagnosisSources
{
    [JsonPropertyName("user")]
    public required SourceState User { get; init; }

    [JsonPropertyName("connections")]
    public required SourceState Connections { get; init; }

    [JsonPropertyName("historicalPulls")]
    public required SourceState HistoricalPulls { get; init; }

    [JsonPropertyName("resources")]
    public required SourceState Resources { get; init; }
}
