namespace Dashboard.Store.State;

/// <summary>A provider's resources that were not pulled.</summary>
public sealed record NotPulledState(string Provider, IReadOnlyList<string> Resources);
