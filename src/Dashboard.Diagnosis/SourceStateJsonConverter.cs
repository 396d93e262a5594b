using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Diagnosis;

/// <summary>Writes <see cref="SourceState"/> as <c>ok</c>, <c>not_found</c>, <c>unavailable</c> or <c>not_read</c>.</summary>
public sealed class SourceStateJsonConverter() : JsonStringEnumConverter<SourceState>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);
