namespace Dashboard.Store.Alerts;

/// <summary>A critical finding a scan saw open that was not open (or not critical) in the scan before.</summary>
public sealed record NewProblem(string UserId, string? Provider, string? Resource, string Code);
