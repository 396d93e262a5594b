using System.Globalization;
using Microsoft.JSInterop;

namespace Dashboard.Web.Ui;

/// <summary>
/// The few things only the browser knows or can do: its time zone, the clipboard, the last visit to <c>/changes</c>,
/// and a POST to the dashboard's own API with the person's sign-in and the page's antiforgery token.
/// </summary>
public sealed class BrowserInterop(IJSRuntime js)
{
    /// <summary>The browser's IANA time zone, or null when it cannot say (or the circuit is gone).</summary>
    public async Task<string?> GetTimeZoneAsync()
    {
        try
        {
            return await js.InvokeAsync<string?>("dashboard.timeZone");
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Copies text; false when the browser refused (the caller then shows the text to copy by hand).</summary>
    public async Task<bool> CopyAsync(string text)
    {
        try
        {
            return await js.InvokeAsync<bool>("dashboard.copy", text);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Remembers this visit to <c>/changes</c> in the browser and returns the one before it (kept for the tab's
    /// session), or null when there was none, it cannot be read, or the circuit is gone.
    /// </summary>
    public async Task<DateTimeOffset?> RememberChangesVisitAsync(DateTimeOffset now)
    {
        try
        {
            var previous = await js.InvokeAsync<string?>("dashboard.changesVisit", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            return DateTimeOffset.TryParse(previous, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time) && time <= now
                ? time
                : null;
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// POSTs to <paramref name="path"/> (one of this dashboard's own, starting with one <c>/</c>) from the browser; the
    /// answer's status and body, or status 0 when the browser got no answer (or the circuit is gone).
    /// </summary>
    public async Task<(int Status, string? Body)> PostAsync(string path, string? antiforgeryToken)
    {
        try
        {
            var reply = await js.InvokeAsync<PostReply>("dashboard.post", path, antiforgeryToken);
            return (reply.Status, reply.Body);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            return (0, null);
        }
    }

    /// <summary>What <c>dashboard.post</c> hands back.</summary>
    internal sealed record PostReply(int Status, string? Body);
}
