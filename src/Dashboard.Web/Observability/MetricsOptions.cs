using Vital.Introspection;

namespace Dashboard.Web.Observability;

/// <summary>The <c>Metrics</c> section: who may read <c>/metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Serve <c>/metrics</c>. Default (null): on in demo mode, off with a live key.</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Addresses or CIDR ranges allowed to read <c>/metrics</c> (the client address as the forwarded-headers rules
    /// see it); everyone else gets 404. Required with a live key; empty in demo mode: anyone.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Whether <c>/metrics</c> is served, from configuration alone (the exporter is chosen before the host is built).</summary>
    public static bool IsEnabled(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        var vital = configuration.GetSection(VitalOptions.SectionName).Get<VitalOptions>() ?? new VitalOptions();
        return options.EnabledIn(vital.EffectiveMode);
    }

    internal bool EnabledIn(VitalMode mode) => Enabled ?? mode == VitalMode.Simulator;
}
