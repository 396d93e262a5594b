using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>A provider's row on <c>/providers</c>.</summary>
public sealed record ProviderSummary(string Provider, int Users, int Pulls, IReadOnlyDictionary<PullStatus, int> PullsByStatus, int UsersNeedingAttention);
