using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// Host filtering judges the <c>Host</c> header as it arrived; a trusted proxy's <c>X-Forwarded-Host</c> then
/// replaces it (links in the diagnosis and the Markdown are built from it). This checks the host again after
/// forwarded headers were applied, so a forwarded host outside <c>AllowedHosts</c> is a 400 too, not a link to
/// somebody else's site.
/// </summary>
internal static partial class ForwardedHostCheck
{
    /// <summary>Runs right after the forwarded headers middleware.</summary>
    public static IApplicationBuilder UseForwardedHostCheck(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptionsMonitor<HostFilteringOptions>>();
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ForwardedHostCheck).FullName!);
        return app.Use(async (context, next) =>
        {
            if (AllowedHostNames.IsAllowed(context.Request.Host, options.CurrentValue.AllowedHosts))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            LogRefused(logger, PeerAddress.Of(context)?.ToString() ?? "unknown");
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown host",
                    detail: "This request was addressed to a host name the dashboard does not answer to (AllowedHosts).")
                .ExecuteAsync(context).ConfigureAwait(false);
        });
    }

    [LoggerMessage(EventId = 9120, Level = LogLevel.Warning,
        Message = "Refused a request from {PeerAddress} whose forwarded host is not in AllowedHosts")]
    private static partial void LogRefused(ILogger logger, string peerAddress);
}
