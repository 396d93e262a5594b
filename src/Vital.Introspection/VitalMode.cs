namespace Vital.Introspection;

/// <summary>Where the dashboard gets its data from.</summary>
public enum VitalMode
{
    /// <summary>The real upstream (or any server that speaks its contract), with a team API key.</summary>
    Live,

    /// <summary>The embedded simulated Vital team; no key needed.</summary>
    Simulator,
}
