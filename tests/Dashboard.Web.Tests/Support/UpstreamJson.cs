using System.Text.Json.Nodes;

namespace Dashboard.Web.Tests.Support;

/// <summary>Bodies in the upstream's documented shape, for stub upstreams: one page holding the given users.</summary>
public static class UpstreamJson
{
    /// <summary>A healthy <c>success</c> pull over 90 days, with every field set; callers override what they test.</summary>
    public static JsonObject Pull(string status = "success") => new()
    {
        ["status"] = status,
        ["range_start"] = "2026-01-01T00:00:00+00:00",
        ["range_end"] = "2026-04-01T00:00:00+00:00",
        ["days_with_data"] = 80,
        ["timeline"] = new JsonObject
        {
            ["scheduled_at"] = "2026-04-01T10:00:00+00:00",
            ["started_at"] = "2026-04-01T10:00:05+00:00",
            ["ended_at"] = "2026-04-01T10:20:00+00:00",
        },
        ["release"] = "0.0.0-dev.cd0e262",
        ["trace_id"] = "51cc7d2d9e3f4a5b8c7d6e5f4a3b2c1d",
        ["error_details"] = null,
    };

    /// <summary>A provider entry: pulled resources by name, and the names not pulled.</summary>
    public static JsonObject Provider(IEnumerable<KeyValuePair<string, JsonObject>> pulled, params string[] notPulled)
    {
        var resources = new JsonObject();
        foreach (var (name, pull) in pulled)
        {
            resources[name] = pull.DeepClone();
        }

        return new JsonObject { ["pulled"] = resources, ["not_pulled"] = new JsonArray([.. notPulled.Select(n => JsonValue.Create(n))]) };
    }

    public static JsonObject User(string userId, IEnumerable<KeyValuePair<string, JsonObject>> providers)
    {
        var byProvider = new JsonObject();
        foreach (var (slug, provider) in providers)
        {
            byProvider[slug] = provider.DeepClone();
        }

        return new JsonObject { ["user_id"] = userId, ["provider"] = byProvider };
    }

    /// <summary>The last (only) page, holding <paramref name="users"/>.</summary>
    public static string Page(params JsonObject[] users) =>
        new JsonObject { ["data"] = new JsonArray([.. users.Select(u => u.DeepClone())]), ["next"] = null, ["next_cursor"] = null }.ToJsonString();

    /// <summary>The user object of <c>GET /v2/user/{id}</c>: known to Vital, with the given connected providers.</summary>
    public static string VitalUser(string userId, params string[] connected) => new JsonObject
    {
        ["user_id"] = userId,
        ["team_id"] = "team-stub",
        ["client_user_id"] = "client-" + userId[..Math.Min(8, userId.Length)],
        ["created_on"] = "2026-01-01T00:00:00+00:00",
        ["connected_sources"] = new JsonArray([.. connected.Select(p => (JsonNode)new JsonObject
        {
            ["provider"] = new JsonObject { ["slug"] = p, ["name"] = p },
            ["created_on"] = "2026-01-01T00:00:00+00:00",
        })]),
    }.ToJsonString();

    /// <summary>The body of <c>GET /v2/user/providers/{id}</c>: each provider connected, nothing denied.</summary>
    public static string Connections(params string[] connected) => new JsonObject
    {
        ["providers"] = new JsonArray([.. connected.Select(p => (JsonNode)new JsonObject
        {
            ["slug"] = p,
            ["name"] = p,
            ["status"] = "connected",
            ["created_on"] = "2026-01-01T00:00:00+00:00",
            ["external_user_id"] = "ext-" + p,
            ["error_details"] = null,
            ["resource_availability"] = new JsonObject(),
        })]),
    }.ToJsonString();

    /// <summary>The resources introspection with no ongoing data.</summary>
    public static string NoResources() => """{"data":[],"next_cursor":null}""";

    /// <summary>A page with one user who has one provider with one pulled resource.</summary>
    public static string OnePull(string userId, string provider, string resource, JsonObject pull, params string[] notPulled) =>
        Page(User(userId, [new(provider, Provider([new(resource, pull)], notPulled))]));
}
