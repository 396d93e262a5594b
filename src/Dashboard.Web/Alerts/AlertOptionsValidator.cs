using System.Net;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Alerts;

/// <summary>Checks the <c>Alerts</c> section at start: one message per problem, naming the key, never the webhook's value.</summary>
public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        const string Section = AlertOptions.SectionName;

        if (options.IsOn())
        {
            if (!IsWebhook(options.WebhookUrl))
            {
                problems.Add($"{Section}:{nameof(AlertOptions.WebhookUrl)} must be an absolute https URL (http only to a loopback address).");
            }

            if (string.IsNullOrWhiteSpace(options.DashboardUrl))
            {
                problems.Add($"{Section}:{nameof(AlertOptions.DashboardUrl)} must be set when {Section}:{nameof(AlertOptions.WebhookUrl)} is: the alert's links start with the address people open the dashboard at, such as https://dashboard.example.com.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.DashboardUrl) && DashboardUri(options) is null)
        {
            problems.Add($"{Section}:{nameof(AlertOptions.DashboardUrl)} must be an absolute http or https URL without query or fragment, such as https://dashboard.example.com.");
        }

        if (options.MaxUsersListed is < 1 or > 100)
        {
            problems.Add($"{Section}:{nameof(AlertOptions.MaxUsersListed)} must be between 1 and 100, such as 10.");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            problems.Add($"{Section}:{nameof(AlertOptions.MaxRetryAttempts)} must be between 0 and 10.");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add($"{Section}:{nameof(AlertOptions.RetryBaseDelay)} must be positive and at most a minute, such as 00:00:02.");
        }

        if (options.AttemptTimeout < TimeSpan.FromMilliseconds(100) || options.AttemptTimeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{Section}:{nameof(AlertOptions.AttemptTimeout)} must be between 100 ms and 5 minutes, such as 00:00:10.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The dashboard's public address with a trailing slash, or null when it is not one.</summary>
    internal static Uri? DashboardUri(AlertOptions options) =>
        Uri.TryCreate(options.DashboardUrl?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? new Uri(uri.AbsoluteUri.TrimEnd('/') + "/")
            : null;

    private static bool IsWebhook(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps
            || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address)))));
}
