using Dashboard.Web.Security;
using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Web.Observability;

/// <summary>Every problem with the <c>Metrics</c> section, each naming its key (never a value).</summary>
internal sealed class MetricsOptionsValidator(IOptions<VitalOptions> vital) : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.AllowedNetworks.Count; i++)
        {
            if (!AuthOptionsValidator.TryParseNetwork(options.AllowedNetworks[i], out _))
            {
                problems.Add($"Metrics:AllowedNetworks:{i} must be an IP address or a CIDR range such as 10.0.0.0/8.");
            }
        }

        // Figures about a real team are not for anyone who can reach the port: with a live key, say who may scrape.
        if (vital.Value.EffectiveMode == VitalMode.Live && options.EnabledIn(VitalMode.Live) && options.AllowedNetworks.Count == 0)
        {
            problems.Add("Metrics:AllowedNetworks must list the addresses or CIDR ranges allowed to read /metrics (your Prometheus) when Metrics:Enabled is true with a live key.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
