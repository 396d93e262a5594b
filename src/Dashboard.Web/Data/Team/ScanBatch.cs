using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>Users read from one upstream page, and which provider filter (if any) the page was asked with.</summary>
public sealed record ScanBatch(IReadOnlyList<UserHistoricalPulls> Users, ProviderSlug? Scope, DateTimeOffset AsOf);
