namespace Vital.Introspection;

/// <summary>One page of <c>GET /v2/introspect/resources</c>.</summary>
public sealed record ResourcesPage
{
    public required IReadOnlyList<UserResources> Users { get; init; }

    /// <summary>The next page's cursor, or null on the last page (null, missing, empty and <c>"None"</c> alike).</summary>
    public string? NextCursor { get; init; }
}
