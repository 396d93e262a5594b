namespace Vital.Simulator;

/// <summary>
/// Which endpoint a request's path names, and its path parameter, decoded exactly once. The path is matched as sent
/// (still percent-encoded), segment by segment, so an encoded slash, <c>?</c> or <c>%</c> inside a client user id stays
/// inside its segment. A prefix before <c>/v2/</c> (a base URL with a path) is allowed, as before.
/// </summary>
internal readonly record struct UpstreamRoute(string Endpoint, string? Parameter)
{
    /// <summary>The one method the endpoint answers; any other is a 405.</summary>
    public HttpMethod Method => Endpoint == SimulatorEndpoints.Refresh ? HttpMethod.Post : HttpMethod.Get;

    /// <param name="escapedPath">The request's path, percent-encoding intact (<see cref="Uri.AbsolutePath"/>).</param>
    public static UpstreamRoute? Match(string escapedPath)
    {
        string[] segments = escapedPath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] != "v2")
            {
                continue;
            }

            UpstreamRoute? route = segments.AsSpan(i + 1) switch
            {
                ["introspect", "historical_pull"] => new(SimulatorEndpoints.HistoricalPull, null),
                ["introspect", "resources"] => new(SimulatorEndpoints.Resources, null),
                ["user", "providers", { Length: > 0 } id] => new(SimulatorEndpoints.Providers, Decode(id)),
                ["user", "resolve", { Length: > 0 } id] => new(SimulatorEndpoints.Resolve, Decode(id)),
                ["user", "refresh", { Length: > 0 } id] => new(SimulatorEndpoints.Refresh, Decode(id)),

                // As in FastAPI, /v2/user/resolve (no id) is this route with user_id "resolve": a 422.
                ["user", { Length: > 0 } id] => new(SimulatorEndpoints.User, Decode(id)),
                _ => null,
            };
            if (route is not null)
            {
                return route;
            }
        }

        return null;
    }

    private static string Decode(string segment) => Uri.UnescapeDataString(segment);
}
