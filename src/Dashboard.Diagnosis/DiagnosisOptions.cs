namespace Dashboard.Diagnosis;

/// <summary>The thresholds of the diagnosis rules: configuration section <c>Diagnosis</c>.</summary>
public sealed class DiagnosisOptions
{
    public const string SectionName = "Diagnosis";

    /// <summary>A <c>scheduled</c> pull whose <c>scheduled_at</c> is older than this is stuck (exactly this old is not).</summary>
    public TimeSpan StuckScheduledAfter { get; set; } = TimeSpan.FromHours(6);

    /// <summary>An <c>in_progress</c> pull whose <c>started_at</c> is older than this is stuck (exactly this old is not).</summary>
    public TimeSpan StuckInProgressAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A successful pull with data on fewer than this share of its range's days has low coverage (exactly this share is not low).</summary>
    public double LowCoverageRatio { get; set; } = 0.5;

    /// <summary>
    /// A connected provider's resource whose newest data is older than this is stale (<c>data_stale</c>), when its
    /// historical pull succeeded or never existed.
    /// </summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Per provider slug, a <see cref="StaleAfter"/> of its own (<c>Diagnosis:StaleAfterByProvider:garmin</c>).</summary>
    public Dictionary<string, TimeSpan> StaleAfterByProvider { get; set; } = new(StringComparer.Ordinal);
}
