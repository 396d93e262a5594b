using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Dashboard.Diagnosis;

/// <summary>How the diagnosis JSON is written: the web defaults, indented, and a finding's evidence without the members that do not apply.</summary>
public static class DiagnosisJson
{
    /// <summary>The options for <see cref="UserDiagnosis"/> and everything it holds. Read-only.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutNullEvidence } },
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// Evidence has a member for every kind of finding and each finding fills a few: the rest stay out of the JSON.
    /// Everywhere else a null is written (<c>"errorDetails": null</c>), so the shape of a resource never changes.
    /// </summary>
    private static void LeaveOutNullEvidence(JsonTypeInfo type)
    {
        if (type.Type != typeof(FindingEvidence))
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            property.ShouldSerialize = static (_, value) => value is not null;
        }
    }
}
