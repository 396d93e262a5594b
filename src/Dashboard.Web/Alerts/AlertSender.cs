using System.Net;
using System.Text;
using System.Threading.Channels;
using Dashboard.Store.Alerts;
using Dashboard.Store.Hosting;
using Dashboard.Store.Model;
using Dashboard.Store.Recording;
using Dashboard.Web.History;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Dashboard.Web.Alerts;

/// <summary>
/// Sends the alerts the history writer queued, off the scan's path: after each written scan (and once at start, for one
/// queued before a restart) it claims the waiting alerts of this team one by one, posts each once (retried with
/// back-off by the client's resilience pipeline), and records the outcome. Nothing here can fail a scan or a page: every
/// failure is caught, logged without the webhook's address, and shown on <c>/readyz</c>. The store not answering means
/// no alert now (never one sent twice): the alert waits until the store answers again.
/// </summary>
internal sealed partial class AlertSender(
    IAlertOutbox outbox,
    HistoryWriter writer,
    TeamScope scope,
    IHttpClientFactory httpClientFactory,
    IOptions<AlertOptions> options,
    AlertStatus status,
    TimeProvider timeProvider,
    ILogger<AlertSender> logger) : BackgroundService
{
    public const string HttpClientName = "Dashboard.Alerts";

    /// <summary>An alert whose scan is older than this when its turn comes (the process was down) is skipped: its news is stale.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(24);

    private readonly Channel<ScanWritten?> _wake = Channel.CreateUnbounded<ScanWritten?>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Raised after each pass over the waiting alerts, with the written scan that started it (null: the pass at start).</summary>
    public event Action<ScanWritten?>? Drained;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsOn())
        {
            return;
        }

        writer.Written += OnWritten;
        try
        {
            _wake.Writer.TryWrite(null);
            while (await _wake.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (_wake.Reader.TryRead(out var trigger))
                {
                    try
                    {
                        await DrainAsync(stoppingToken).ConfigureAwait(false);
                        Drained?.Invoke(trigger);
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                    {
                        // A bug here must not stop the host (a background service's failure would): the next scan tries again.
                        LogPassFailed(logger, ex.GetType().Name);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a waiting alert stays queued for the next start.
        }
        finally
        {
            writer.Written -= OnWritten;
        }
    }

    private void OnWritten(ScanWritten written)
    {
        if (written.Scope == scope.Value)
        {
            _wake.Writer.TryWrite(written);
        }
    }

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            PendingAlert? alert;
            try
            {
                alert = await outbox.ClaimNextAsync(scope.Value, stoppingToken).ConfigureAwait(false);
                status.StoreAnswered();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                var reason = StoreFailure.Describe(ex);
                status.StoreFailed(reason);
                LogStoreFailed(logger, reason, ex.GetType().Name);
                return;
            }

            if (alert is null)
            {
                return;
            }

            var (outcome, detail) = await SendAsync(alert, stoppingToken).ConfigureAwait(false);
            try
            {
                await outbox.FinishAsync(alert.Id, outcome, detail, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                // Claimed already, so it is not sent again either way; only its outcome is missing from the table.
                LogOutcomeNotStored(logger, alert.Id, StoreFailure.Describe(ex), ex.GetType().Name);
            }
        }
    }

    private async Task<(string Outcome, string? Detail)> SendAsync(PendingAlert alert, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (timeProvider.GetUtcNow() - alert.SeenAt > StaleAfter || alert.Problems.Count == 0)
        {
            LogSkipped(logger, alert.Id, alert.SeenAt);
            return (AlertOutcome.Skipped, alert.Problems.Count == 0 ? "its changes were pruned" : "older than a day when its turn came");
        }

        try
        {
            var body = AlertMessage.Json(alert, AlertOptionsValidator.DashboardUri(settings)!, settings.MaxUsersListed);
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.PostAsync(new Uri(settings.WebhookUrl!.Trim()), content, stoppingToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                status.Sent(timeProvider.GetUtcNow());
                LogSent(logger, alert.Id, alert.Problems.Count, alert.SeenAt);
                return (AlertOutcome.Sent, null);
            }

            return Failed(alert, $"the receiver answered HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Never the exception's message: it may quote the address.
            var reason = ex switch
            {
                TimeoutRejectedException or TaskCanceledException or OperationCanceledException => "the receiver did not answer in time",
                HttpRequestException { StatusCode: { } code } => $"the receiver answered HTTP {(int)code}",
                HttpRequestException => "the receiver cannot be reached",
                _ => $"sending failed ({ex.GetType().Name})",
            };
            return Failed(alert, reason);
        }
    }

    private (string Outcome, string? Detail) Failed(PendingAlert alert, string reason)
    {
        status.Failed(alert.SeenAt, reason);
        LogFailed(logger, alert.Id, alert.Problems.Count, reason);
        return (AlertOutcome.Failed, reason);
    }

    /// <summary>Retried: the receiver said it failed, or was not reached. Not retried: a time-out (it may have posted).</summary>
    internal static bool ShouldRetry(Polly.Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => false,
        { Exception: HttpRequestException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Alert {AlertId} delivered: {Problems} new critical problems seen at {SeenAt}")]
    private static partial void LogSent(ILogger logger, long alertId, int problems, DateTimeOffset seenAt);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Alert {AlertId} ({Problems} new critical problems) not delivered: {Reason}; it is not tried again")]
    private static partial void LogFailed(ILogger logger, long alertId, int problems, string reason);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Alerts wait: {Reason} ({ExceptionType}); none is sent until the history store answers")]
    private static partial void LogStoreFailed(ILogger logger, string reason, string exceptionType);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Alert {AlertId}: its outcome could not be stored ({Reason}, {ExceptionType}); it is not sent again")]
    private static partial void LogOutcomeNotStored(ILogger logger, long alertId, string reason, string exceptionType);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Error, Message = "Alerts: a pass over the waiting alerts failed ({ExceptionType}); the next scan tries again")]
    private static partial void LogPassFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Information, Message = "Alert {AlertId} for the scan of {SeenAt} skipped: stale or without its changes")]
    private static partial void LogSkipped(ILogger logger, long alertId, DateTimeOffset seenAt);
}
