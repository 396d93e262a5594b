namespace Vital.Introspection;

/// <summary>The query of one page of the resources introspection. Never carries the deprecated <c>cursor</c>.</summary>
public sealed record ResourcesPageRequest
{
    public string? UserId { get; init; }

    public ProviderSlug? Provider { get; init; }

    /// <summary>Page size; <c>Vital:UserLimit</c> when null.</summary>
    public int? UserLimit { get; init; }

    /// <summary>The previous page's <c>next_cursor</c>; null for the first page.</summary>
    public string? NextCursor { get; init; }
}
