using System.Globalization;
using System.Security.Claims;
using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Vital.Introspection;

namespace Dashboard.Web.Refresh;

/// <summary>
/// The product's one write to Vital: <c>POST /v2/user/refresh/{user_id}</c>, for operators only, within Vital's
/// allowance of <see cref="RefreshAllowance.PerUserPerHour"/> per user per hour, never repeated automatically (the
/// client's retries leave writes alone), audited with who, which user and the result, and followed by dropping the
/// user's cached answers so every page reads what changed.
/// </summary>
public sealed partial class ManualRefreshes(
    IVitalIntrospectionClient client,
    IVitalRepository repository,
    IRefreshAllowance allowance,
    IDashboardRoles roles,
    IAuditLog audit,
    TimeProvider timeProvider,
    ILogger<ManualRefreshes> logger)
{
    /// <summary>The providers a manual refresh cannot reach: their data moves only when the user's phone syncs.</summary>
    public static bool Reaches(string provider) => !Dashboard.Diagnosis.ProviderKnowledge.IsSdkProvider(provider);

    /// <summary>
    /// Asks Vital to refresh <paramref name="userId"/> on behalf of <paramref name="actor"/>, who must be an operator
    /// (the endpoint's policy says so first; this is the second lock on the only write).
    /// </summary>
    /// <exception cref="UnauthorizedAccessException"><paramref name="actor"/> is not an operator.</exception>
    public async Task<ManualRefreshOutcome> RefreshAsync(string userId, ClaimsPrincipal actor, string correlationId, string? clientAddress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (!roles.IsOperator(actor))
        {
            throw new UnauthorizedAccessException("Only an operator may ask Vital to refresh a user.");
        }

        var taken = await allowance.TryTakeAsync(userId, cancellationToken).ConfigureAwait(false);
        var outcome = taken ? await SendAsync(userId, cancellationToken).ConfigureAwait(false) : null;
        // What is left once this one counted (or was refused): one reading for the answer and, when refused, its wait.
        var quota = await allowance.PeekAsync(userId, CancellationToken.None).ConfigureAwait(false);
        outcome = (outcome ?? LimitReached(userId, quota)) with { RefreshesLeft = quota.Left, NextRefreshAt = quota.NextAt };
        audit.Record(AuditAction.ManualRefresh, userId, actor, correlationId, Detail(outcome), clientAddress);
        return outcome;
    }

    /// <summary>The allowance is used up: Vital is not asked, and the answer says when it may be.</summary>
    private ManualRefreshOutcome LimitReached(string userId, RefreshQuota quota) => new()
    {
        UserId = userId,
        Outcome = ManualRefreshKind.LimitReached,
        Sent = false,
        Summary = $"This dashboard already asked Vital to refresh this user {RefreshAllowance.PerUserPerHour} times in the last hour, "
            + "the most Vital allows, so Vital was not asked." + (quota.NextAt is { } next ? $" The next refresh can be asked at {Clock(next)}." : string.Empty),
        RetryAfter = quota.NextAt is { } at ? at - timeProvider.GetUtcNow() : RefreshAllowance.Window,
    };

    private async Task<ManualRefreshOutcome> SendAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            // Not the caller's token: once sent, the write happens whether or not the person waits for it, and the
            // cache and the audit trail must say so.
            var result = await client.RefreshUserAsync(userId, cancellationToken: CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!result.Success)
            {
                return new ManualRefreshOutcome
                {
                    UserId = userId,
                    Outcome = ManualRefreshKind.Refused,
                    Summary = RefusedSummary(result.Error),
                    Failed = result.Failed,
                };
            }

            await ForgetAsync(userId).ConfigureAwait(false);
            return new ManualRefreshOutcome
            {
                UserId = userId,
                Outcome = result.StillRunning ? ManualRefreshKind.InProgress : ManualRefreshKind.Refreshed,
                Summary = DoneSummary(result),
                Refreshed = result.Refreshed,
                InProgress = result.InProgress,
                Failed = result.Failed,
            };
        }
        catch (VitalApiException ex) when (ex.Kind == VitalErrorKind.RateLimited)
        {
            return new ManualRefreshOutcome
            {
                UserId = userId,
                Outcome = ManualRefreshKind.RateLimitedByVital,
                Summary = "Vital says this user has had all the refreshes it allows for now (8 an hour)"
                    + (ex.RetryAfter is { } wait ? $"; it can be asked again at {Clock(timeProvider.GetUtcNow() + wait)}." : "; try again within the hour.")
                    + " It was not asked again automatically.",
                RetryAfter = ex.RetryAfter ?? RefreshAllowance.Window,
            };
        }
        catch (VitalApiException ex)
        {
            LogFailed(logger, ex.Kind, ex.Message);
            // It may have arrived: what is cached may already be out of date.
            await ForgetAsync(userId).ConfigureAwait(false);
            return new ManualRefreshOutcome
            {
                UserId = userId,
                Outcome = ManualRefreshKind.Failed,
                Summary = $"Vital could not be asked: {ex.Message} Whether the refresh started is not known; the page now shows what Vital holds. It was not asked again automatically.",
            };
        }
        catch (OperationCanceledException)
        {
            // The person left (or the request was aborted) while Vital was working: the refresh goes on there.
            await ForgetAsync(userId).ConfigureAwait(false);
            return new ManualRefreshOutcome
            {
                UserId = userId,
                Outcome = ManualRefreshKind.Failed,
                Summary = "The refresh was sent to Vital, but nobody waited for its answer.",
            };
        }
    }

    private async Task ForgetAsync(string userId)
    {
        try
        {
            await repository.ForgetUserAsync(userId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A cache that cannot forget (Redis down) leaves answers that expire with Vital:CacheSeconds: not worth failing the write over.
            LogForgetFailed(logger, ex);
        }
    }

    private static string RefusedSummary(string? error)
    {
        var said = string.IsNullOrWhiteSpace(error) ? "Vital refused the refresh without saying why." : $"Vital refused the refresh: \u201c{BidiControls.Strip(error.Trim())}\u201d.";
        return error?.Contains("no connected source", StringComparison.OrdinalIgnoreCase) == true
            ? said + " The user has no connected source for Vital to refresh: they connect a provider in your app first. Asking again will not help."
            : said + " Asking again will not change that.";
    }

    private static string DoneSummary(RefreshResult result)
    {
        if (result.Refreshed.Count + result.InProgress.Count + result.Failed.Count == 0)
        {
            return "Vital answered but named no source it could refresh. Providers such as Apple HealthKit and Health Connect only sync from the user's phone.";
        }

        var parts = new List<string>();
        if (result.Refreshed.Count > 0)
        {
            parts.Add($"Vital refreshed {Sources(result.Refreshed.Count)}");
        }

        if (result.InProgress.Count > 0)
        {
            parts.Add($"{(parts.Count == 0 ? "Vital is" : "is")} still refreshing {Sources(result.InProgress.Count)} (their data arrives over the next minutes)");
        }

        if (result.Failed.Count > 0)
        {
            parts.Add($"{Sources(result.Failed.Count)} failed (see the user's connections for why)");
        }

        return string.Join("; ", parts) + ".";
    }

    private static string Sources(int count) => count == 1 ? "1 source" : $"{count} sources";

    private static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Detail(ManualRefreshOutcome outcome) =>
        string.Create(CultureInfo.InvariantCulture,
            $"outcome={outcome.Outcome} sent={outcome.Sent} refreshed={outcome.Refreshed.Count} in_progress={outcome.InProgress.Count} failed={outcome.Failed.Count} left={outcome.RefreshesLeft}");

    [LoggerMessage(EventId = 9300, Level = LogLevel.Warning, Message = "A manual refresh could not be sent to Vital ({Kind}): {Reason}")]
    private static partial void LogFailed(ILogger logger, VitalErrorKind kind, string reason);

    [LoggerMessage(EventId = 9301, Level = LogLevel.Warning, Message = "The cache could not drop a refreshed user's answers; they expire on their own")]
    private static partial void LogForgetFailed(ILogger logger, Exception exception);
}
