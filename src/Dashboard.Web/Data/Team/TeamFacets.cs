using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>The providers and resources present in a snapshot, for the filter menus.</summary>
public sealed record TeamFacets(IReadOnlyList<string> Providers, IReadOnlyList<string> Resources, IReadOnlyList<PullStatus> Statuses);
