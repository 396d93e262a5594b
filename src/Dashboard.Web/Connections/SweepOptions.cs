namespace Dashboard.Web.Connections;

/// <summary>The <c>Sweep</c> section: how fast the background sweep reads every user's connections.</summary>
public sealed class SweepOptions
{
    public const string SectionName = "Sweep";

    /// <summary>The most the sweep asks Vital for connections each second (one user a request); 0 turns the sweep off.</summary>
    public double RequestsPerSecond { get; set; } = 2;

    /// <summary>Most a sweep may ask: Vital's budget is shared with the team scan and every page.</summary>
    public const double MaxRequestsPerSecond = 50;
}
