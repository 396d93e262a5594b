namespace Vital.Introspection;

/// <summary>One user's historical pulls, per provider.</summary>
public sealed record UserHistoricalPulls
{
    /// <summary>The user id exactly as sent (the spec's own example sends an empty string).</summary>
    public required string UserId { get; init; }

    public required IReadOnlyDictionary<ProviderSlug, ProviderPulls> Providers { get; init; }

    public int PullCount => Providers.Values.Sum(p => p.Pulled.Count);

    public static UserHistoricalPulls Empty(string userId) => new()
    {
        UserId = userId,
        Providers = new Dictionary<ProviderSlug, ProviderPulls>(),
    };
}
