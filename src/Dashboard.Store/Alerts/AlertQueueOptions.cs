namespace Dashboard.Store.Alerts;

/// <summary>
/// Whether the history writer queues an alert for each scan with new critical problems. Off unless the host has a
/// receiver (<c>Alerts:WebhookUrl</c>): alerts queued with nobody to send them would all go out once one is configured.
/// </summary>
public sealed class AlertQueueOptions
{
    public bool Enabled { get; set; }
}
