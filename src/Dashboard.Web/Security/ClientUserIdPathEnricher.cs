using Dashboard.Web.Api;
using Serilog.Core;
using Serilog.Events;

namespace Dashboard.Web.Security;

/// <summary>
/// Takes the client user id (the customer's own string, often an email address) out of every event's
/// <c>RequestPath</c>: the request log's line and the request scope that every other event of the request carries.
/// The route stays (<c>/users/by-client-id/{clientUserId}</c>), as in the traces; Vital's user ids stay, as in the audit.
/// </summary>
internal sealed class ClientUserIdPathEnricher : ILogEventEnricher
{
    private const string Property = "RequestPath";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.TryGetValue(Property, out var value) && value is ScalarValue { Value: string path }
            && ClientUserIdLookup.WithoutClientUserId(path) is var redacted && !ReferenceEquals(redacted, path))
        {
            logEvent.AddOrUpdateProperty(new LogEventProperty(Property, new ScalarValue(redacted)));
        }
    }
}
