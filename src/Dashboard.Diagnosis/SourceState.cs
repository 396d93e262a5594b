using System.Text.Json.Serialization;

namespace Dashboard.Diagnosis;

/// <summary>How reading one of a diagnosis's sources went. Written lower-case with underscores (<c>"not_found"</c>).</summary>
[JsonConverter(typeof(SourceStateJsonConverter))]
public enum SourceState
{
    /// <summary>Read.</summary>
    Ok,

    /// <summary>Vital answered that it knows no such user.</summary>
    NotFound,

    /// <summary>Could not be read, even after retries: the diagnosis is partial.</summary>
    Unavailable,

    /// <summary>Not asked (a team-wide view reads some sources only), or not arrived yet.</summary>
    NotRead,
}
