namespace Dashboard.Store.Model;

/// <summary>What became of an alert (<see cref="AlertRecord.Outcome"/>).</summary>
public static class AlertOutcome
{
    /// <summary>The receiver accepted it.</summary>
    public const string Sent = "sent";

    /// <summary>The receiver refused it or could not be reached, retries included; it is not tried again.</summary>
    public const string Failed = "failed";

    /// <summary>Not sent: too old when its turn came (the process was down), or its problems were pruned.</summary>
    public const string Skipped = "skipped";
}
