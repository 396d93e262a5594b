namespace Dashboard.Web.Data.Team;

/// <summary>A provider's resources that were not pulled, as the snapshot keeps them.</summary>
public sealed record NotPulledEntry(string Provider, string[] Resources);
