using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Vital.Introspection;
using Vital.Simulator;

namespace Dashboard.Web.History;

/// <summary>
/// Which team the history is about, so a database shared by the demo and a live team (a developer's default file), or
/// by two keys, never mixes them: <c>demo:seed=1;users=500</c>, or <c>live:&lt;host&gt;:&lt;fingerprint&gt;</c> where the
/// fingerprint is the first 16 hex digits of the key's SHA-256 (the key itself is never stored).
/// </summary>
public sealed class TeamScope(IOptions<VitalOptions> vital, IOptions<SimulatorOptions> simulator)
{
    private readonly Lazy<string> _value = new(() => Describe(vital.Value, simulator.Value));

    public string Value => _value.Value;

    internal static string Describe(VitalOptions vital, SimulatorOptions simulator)
    {
        if (vital.EffectiveMode == VitalMode.Simulator)
        {
            return $"demo:seed={simulator.Seed};users={simulator.Users}";
        }

        var key = vital.EffectiveApiKey ?? string.Empty;
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return $"live:{vital.EffectiveBaseUrl?.Host ?? "vital"}:{fingerprint}";
    }
}
