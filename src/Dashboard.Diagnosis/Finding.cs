using System.Text.Json.Serialization;

namespace Dashboard.Diagnosis;

/// <summary>One thing a support person should know about a user's pulls, with what it means and what to do.</summary>
public sealed record Finding
{
    /// <summary>One of <see cref="Diagnosis.FindingCodes"/>.</summary>
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    [JsonPropertyName("severity")]
    public required Severity Severity { get; init; }

    /// <summary>The provider slug, or null for a finding about the whole user.</summary>
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }

    /// <summary>The resource name, or null for a finding about a whole provider or user.</summary>
    [JsonPropertyName("resource")]
    public string? Resource { get; init; }

    /// <summary>Short: "Oura sleep pull failed".</summary>
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    /// <summary>What it means, in words a new support hire understands.</summary>
    [JsonPropertyName("explanation")]
    public required string Explanation { get; init; }

    /// <summary>The next step.</summary>
    [JsonPropertyName("action")]
    public required string Action { get; init; }

    [JsonPropertyName("evidence")]
    public required FindingEvidence Evidence { get; init; }

    /// <summary>A finding of <paramref name="code"/>, at the severity its code carries (the rules' one way to make one).</summary>
    internal static Finding Of(string code, string? provider, string? resource, string title, string explanation, string action, FindingEvidence evidence) => new()
    {
        Code = code,
        Severity = FindingCodes.SeverityOf(code),
        Provider = provider,
        Resource = resource,
        Title = title,
        Explanation = explanation,
        Action = action,
        Evidence = evidence,
    };
}
