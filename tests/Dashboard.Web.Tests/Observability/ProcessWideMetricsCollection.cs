namespace Dashboard.Web.Tests.Observability;

/// <summary>
/// Tests that read a whole <c>/metrics</c> scrape. The OpenTelemetry SDK listens to meters by name across the process,
/// so hosts of other tests running beside one report into its scrape, and when such a host is disposed the metric
/// streams it registered first go with it: a family of this host was seen missing from a scrape in a full run. These
/// run after the parallel tests, one at a time, when no other host is alive.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetricsCollection
{
    public const string Name = "Process-wide metrics";
}
