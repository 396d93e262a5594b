using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Diagnosis;

/// <summary>Writes <see cref="Severity"/> as its lower-case name and reads it back (case-insensitive; numbers refused).</summary>
public sealed class SeverityJsonConverter() : JsonStringEnumConverter<Severity>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
