using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// A walk a scan gave up on after <c>Vital:ScanPatience</c>: what it could not read past, and why.
/// </summary>
/// <param name="Provider">The provider whose walk stopped; null for the plain walk over the whole team.</param>
/// <param name="Walk">The pulls or the ongoing data.</param>
/// <param name="PagesRead">Pages the walk had read before the page that kept failing.</param>
/// <param name="Kind">The upstream's last error on that page.</param>
/// <param name="Problem">That error in words, for the page.</param>
public sealed record ScanGap(ProviderSlug? Provider, TeamWalk Walk, int PagesRead, VitalErrorKind Kind, string Problem)
{
    /// <summary>The upstream's error itself, so a scan that read nothing at all can answer like any other upstream trouble.</summary>
    public VitalApiException? Exception { get; init; }

    /// <summary>What could not be read, in words: "oura's historical pulls", "the team's ongoing data".</summary>
    public string Scope => (Provider is { } provider ? provider.Value + "'s " : "the team's ")
        + (Walk == TeamWalk.Pulls ? "historical pulls" : "ongoing data");
}
