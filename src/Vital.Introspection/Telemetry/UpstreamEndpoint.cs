namespace Vital.Introspection;

/// <summary>
/// Which upstream endpoint a request is for, as a template. Metrics and spans name this, never the concrete path or
/// query: those carry user ids and client user ids.
/// </summary>
/// <param name="Name">A short fixed name: <c>historical_pull</c>, <c>resources</c>, <c>user</c>, <c>resolve</c>, <c>connections</c>, <c>refresh</c> or <c>other</c>.</param>
/// <param name="PathTemplate">The path with its parameters named, e.g. <c>/v2/user/providers/{user_id}</c>.</param>
public readonly record struct UpstreamEndpoint(string Name, string PathTemplate)
{
    public static UpstreamEndpoint HistoricalPull { get; } = new("historical_pull", "/" + VitalIntrospectionClient.Path);
    public static UpstreamEndpoint Resources { get; } = new("resources", "/" + VitalIntrospectionClient.ResourcesPath);
    public static UpstreamEndpoint User { get; } = new("user", "/" + VitalIntrospectionClient.UserPath + "{user_id}");
    public static UpstreamEndpoint Resolve { get; } = new("resolve", "/" + VitalIntrospectionClient.ResolvePath + "{client_user_id}");
    public static UpstreamEndpoint Connections { get; } = new("connections", "/" + VitalIntrospectionClient.ConnectionsPath + "{user_id}");
    public static UpstreamEndpoint Refresh { get; } = new("refresh", "/" + VitalIntrospectionClient.RefreshPath + "{user_id}");

    /// <summary>Anything else: named by nothing of its path.</summary>
    public static UpstreamEndpoint Other { get; } = new("other", "/");

    /// <summary>Every known endpoint, the more specific paths before the paths they extend (<c>v2/user/</c> last).</summary>
    public static IReadOnlyList<UpstreamEndpoint> Known { get; } = [HistoricalPull, Resources, Resolve, Connections, Refresh, User];

    private static readonly (string Segment, UpstreamEndpoint Endpoint)[] Segments =
    [
        ("/" + VitalIntrospectionClient.Path, HistoricalPull),
        ("/" + VitalIntrospectionClient.ResourcesPath, Resources),
        ("/" + VitalIntrospectionClient.ResolvePath, Resolve),
        ("/" + VitalIntrospectionClient.ConnectionsPath, Connections),
        ("/" + VitalIntrospectionClient.RefreshPath, Refresh),
        ("/" + VitalIntrospectionClient.UserPath, User),
    ];

    /// <summary>
    /// The endpoint a request address is for. <c>Vital:BaseUrl</c> may carry a path of its own, so the endpoint's path
    /// is looked for anywhere in the address's path; ids in it are escaped, so they cannot look like a path segment.
    /// </summary>
    public static UpstreamEndpoint Of(Uri? address)
    {
        if (address is null)
        {
            return Other;
        }

        var path = address.IsAbsoluteUri ? address.AbsolutePath : "/" + address.OriginalString.Split('?', 2)[0].TrimStart('/');
        foreach (var (segment, endpoint) in Segments)
        {
            if (path.Contains(segment, StringComparison.Ordinal)
                && (endpoint.PathTemplate.EndsWith('}') || path.EndsWith(segment, StringComparison.Ordinal)))
            {
                return endpoint;
            }
        }

        return Other;
    }
}
