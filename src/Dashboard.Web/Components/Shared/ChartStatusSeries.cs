using Vital.Introspection;

namespace Dashboard.Web.Components.Shared;

/// <summary>One series of a status chart (<see cref="StatusPalette.ChartSeries"/>): its label, its colour, and the statuses whose counts it adds up.</summary>
public sealed record ChartStatusSeries(string Label, string ChartColor, IReadOnlyList<PullStatus> Statuses);
