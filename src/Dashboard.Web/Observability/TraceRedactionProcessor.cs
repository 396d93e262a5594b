using System.Diagnostics;
using OpenTelemetry;
using Vital.Introspection;

namespace Dashboard.Web.Observability;

/// <summary>
/// Takes ids out of the instrumentations' spans before any exporter sees them (it is added before the exporters).
/// Incoming requests keep their route template (<c>/users/{userId}</c>) but lose the concrete path and query; calls
/// to Vital keep scheme, host and the endpoint's template (<c>/v2/user/providers/{user_id}</c>) but lose the path and
/// query, which carry user ids and client user ids. Span names are templates already (<c>GET /users/{userId}</c>, <c>GET</c>).
/// </summary>
internal sealed class TraceRedactionProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (data.GetTagItem("url.full") is string full)
        {
            data.SetTag("url.full", Redact(full));
        }

        if (data.GetTagItem("url.path") is not null)
        {
            data.SetTag("url.path", data.GetTagItem("http.route") as string);
        }

        data.SetTag("url.query", null);
    }

    /// <summary>An address with its path replaced by the upstream endpoint's template (or <c>/</c>) and no query.</summary>
    internal static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri.Scheme + "://" + uri.Authority + UpstreamEndpoint.Of(uri).PathTemplate
            : string.Empty;
}
