using Microsoft.JSInterop;

namespace Dashboard.Web.Ui;

/// <summary>The few things only the browser knows or can do: its time zone, and the clipboard.</summary>
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
}
