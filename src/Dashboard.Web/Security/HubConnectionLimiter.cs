using System.Collections.Concurrent;
using Dashboard.Web.Ui;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// At most <c>Ui:HubConnectionsPerPerson</c> (default 10) open connections to the Blazor hub per signed-in person
/// (with sign-in off, per client address): each is a circuit holding server memory and able to start upstream reads.
/// A hub connection is one long request (a WebSocket, or server-sent events), so counting requests in flight counts
/// connections. Past the cap: 429 with a problem body; the page's reconnect shows it as a failed connection.
/// </summary>
internal sealed class HubConnectionLimiter(IOptionsMonitor<UiOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    public int PerPerson => options.CurrentValue.HubConnectionsPerPerson;

    /// <summary>Open connections of <paramref name="key"/> (for tests and diagnostics).</summary>
    public int Open(string key) => _open.TryGetValue(key, out var count) ? count : 0;

    public static string KeyOf(HttpContext context) => AuditLog.CountedAs(context);

    /// <summary>Counts one more connection for <paramref name="key"/> unless it holds the most already.</summary>
    public bool TryEnter(string key)
    {
        while (true)
        {
            var count = Open(key);
            if (count >= PerPerson)
            {
                return false;
            }

            if (count == 0 ? _open.TryAdd(key, 1) : _open.TryUpdate(key, count + 1, count))
            {
                return true;
            }
        }
    }

    public void Leave(string key)
    {
        while (_open.TryGetValue(key, out var count))
        {
            if (count <= 1 ? _open.TryRemove(KeyValuePair.Create(key, count)) : _open.TryUpdate(key, count - 1, count))
            {
                return;
            }
        }
    }

    /// <summary>The middleware: the hub's connections (not its negotiation) are counted while they last.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/_blazor", out var rest) || rest.StartsWithSegments("/negotiate") || rest.StartsWithSegments("/disconnect")
            || !context.Request.Query.ContainsKey("id"))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var key = KeyOf(context);
        if (!TryEnter(key))
        {
            context.Response.Headers.RetryAfter = "30";
            await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many open pages",
                    detail: $"This account has {PerPerson} dashboard pages open already, the most each person may. Close some tabs and reload.")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            Leave(key);
        }
    }
}
