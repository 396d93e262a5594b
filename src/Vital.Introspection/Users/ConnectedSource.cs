namespace Vital.Introspection;

/// <summary>One provider the user connected (<c>connected_sources[]</c>; the spec's example calls it <c>source</c>).</summary>
public sealed record ConnectedSource
{
    public required ProviderSlug Provider { get; init; }

    /// <summary>Vital's name for the provider ("Oura"), when sent.</summary>
    public string? Name { get; init; }

    public DateTimeOffset? CreatedOn { get; init; }
}
