namespace Dashboard.Store.Alerts;

/// <summary>
/// The alerts the history writer queued (one per scan with new critical problems), handed out once each: a claim is
/// recorded before anything is sent, so a crash after it loses that alert rather than sending it twice.
/// </summary>
public interface IAlertOutbox
{
    /// <summary>Claims the oldest waiting alert of <paramref name="scope"/>; null when none waits.</summary>
    Task<PendingAlert?> ClaimNextAsync(string scope, CancellationToken cancellationToken);

    /// <summary>Records what became of a claimed alert (<see cref="Model.AlertOutcome"/>).</summary>
    Task FinishAsync(long alertId, string outcome, string? detail, CancellationToken cancellationToken);
}
