using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>One user on a provider page: their worst state on that provider.</summary>
public sealed record ProviderUserRow(TeamUser User, PullStatus? WorstStatus, bool Stuck, int ProblemPulls);
