namespace Dashboard.Web.Alerts;

/// <summary>The <c>Alerts</c> section: where new critical problems are announced, and how hard to try.</summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    /// <summary>
    /// A Slack-compatible incoming webhook (a JSON <c>{"text": …}</c> POST). A secret: whoever holds it can post to the
    /// channel, so it comes from the environment or <c>/run/secrets/Alerts__WebhookUrl</c> and is masked in every log
    /// line. Unset: no alerts.
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The address people open the dashboard at (such as <c>https://dashboard.example.com</c>): the alert's links start with it.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>Users listed by name in one alert; the rest are counted.</summary>
    public int MaxUsersListed { get; set; } = 10;

    /// <summary>Tries after the first when the receiver fails (5xx, 408, 429, refused connection), with exponential back-off.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first back-off; each next one doubles, with jitter, up to a minute.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one try may take. A try that times out is not repeated: the receiver may have posted it.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether alerts are on (a webhook is configured).</summary>
    public bool IsOn() => !string.IsNullOrWhiteSpace(WebhookUrl);
}
