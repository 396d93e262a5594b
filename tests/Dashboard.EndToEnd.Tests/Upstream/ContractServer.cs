using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.EndToEnd.Tests.Upstream;

/// <summary>One request as it reached <see cref="ContractServer"/>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path as ASP.NET Core decoded it (a <c>%2F</c> stays encoded).</param>
/// <param name="Query">The query string exactly as sent, with its <c>?</c>.</param>
/// <param name="KeyMatched">Whether <c>x-vital-api-key</c> carried the team's key.</param>
/// <param name="RawTarget">The request target exactly as sent: path and query, nothing decoded.</param>
internal sealed record ContractRequest(string Method, string Path, string Query, bool KeyMatched, string RawTarget);

/// <summary>What the server holds: the five read endpoints' data, as <see cref="ContractTeam"/> builds it.</summary>
/// <param name="Users">The objects of <c>GET /v2/user/{user_id}</c>, in the order of the team.</param>
/// <param name="Connections">Per Vital user id, the <c>providers</c> array of <c>GET /v2/user/providers/{user_id}</c>.</param>
/// <param name="Pulls">The entries of <c>GET /v2/introspect/historical_pull</c>, in listing order.</param>
/// <param name="Resources">The entries of <c>GET /v2/introspect/resources</c>, in listing order.</param>
/// <param name="UnknownAnswers400">Ids Vital does not know for which <c>GET /v2/user/{user_id}</c> answers 400, not 404.</param>
internal sealed record ContractTeamData(
    IReadOnlyList<JsonObject> Users,
    IReadOnlyDictionary<string, JsonArray> Connections,
    IReadOnlyList<JsonObject> Pulls,
    IReadOnlyList<JsonObject> Resources,
    IReadOnlySet<string> UnknownAnswers400);

/// <summary>
/// An upstream written from <c>../shared/vital/CONTRACT.md</c> alone, sharing no code with <c>Vital.Simulator</c>. It
/// serves the five read endpoints a diagnosis uses and the manual refresh:
/// <list type="bullet">
/// <item><c>GET /v2/introspect/historical_pull</c>: its own opaque cursors, <c>"None"</c> on the last page as in the
/// official example, pages smaller than <c>user_limit</c> while more follow, a deprecated <c>next</c> link that must not
/// be followed, the <c>provider</c> and <c>user_id</c> filters.</item>
/// <item><c>GET /v2/introspect/resources</c>: the same filters and paging, with cursors of another kind (bound to the
/// filters they were issued for) and a last page with no <c>next_cursor</c> key at all, as in the spec's example.</item>
/// <item><c>GET /v2/user/{user_id}</c>, <c>GET /v2/user/resolve/{client_user_id}</c> (the client id taken from the raw
/// request target and URL-decoded exactly once) and <c>GET /v2/user/providers/{user_id}</c>: an unknown user answers
/// 404 <c>{"detail": ...}</c>, except the ids in <see cref="ContractTeamData.UnknownAnswers400"/>, for which
/// <c>GET /v2/user/{user_id}</c> answers 400 <c>{"detail": "User not found"}</c> (the contract says either may come).</item>
/// <item><c>POST /v2/user/refresh/{user_id}</c>: 200 (or 202 while a source is still running) with the refreshed,
/// in-progress and failed <c>provider/resource</c> sources, SDK providers left out; 400 for a user without connections;
/// 429 beyond 8 refreshes per user in an hour of the server's clock, which is the fixed <c>now</c> it was started
/// with.</item>
/// </list>
/// Everywhere: 401 without the key, 422 FastAPI-style for a malformed UUID, 405 for a method the route does not take,
/// 404 <c>{"detail":"Not Found"}</c> for any other path. <see cref="ConnectionsOutage"/> makes the connections endpoint
/// (and only it) answer 503 with a proxy's HTML page. It listens on a loopback port over real HTTP and keeps every
/// request it was sent.
/// </summary>
internal sealed class ContractServer : IAsyncDisposable
{
    /// <summary>Users per page of historical pulls, whatever <c>user_limit</c> asks: the contract makes it an upper bound only.</summary>
    public const int PageSize = 2;

    /// <summary>At most this many users per page of the resources introspection (fewer when <c>user_limit</c> is smaller).</summary>
    public const int ResourcesPageSize = 3;

    /// <summary>Manual refreshes Vital allows per user in an hour.</summary>
    public const int RefreshesPerHour = 8;

    public const string PullsPath = "/v2/introspect/historical_pull";
    public const string ResourcesPath = "/v2/introspect/resources";
    public const string UserPrefix = "/v2/user/";
    public const string ResolvePrefix = "/v2/user/resolve/";
    public const string ConnectionsPrefix = "/v2/user/providers/";
    public const string RefreshPrefix = "/v2/user/refresh/";

    /// <summary>Where the deprecated <c>next</c> links point: a path this server answers with 404.</summary>
    public const string DeprecatedNextPath = "/deprecated-next-link";

    /// <summary>Providers whose data moves only when the user's phone syncs: a refresh does not reach them.</summary>
    public static readonly IReadOnlySet<string> SdkProviders = new HashSet<string>(StringComparer.Ordinal) { "apple_health_kit", "health_connect", "samsung_health" };

    /// <summary>Close to how FastAPI writes JSON: non-ASCII characters and <c>+</c> as they are, not as <c>\uXXXX</c> (characters beyond the BMP, such as an emoji, still come as an escaped surrogate pair).</summary>
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly ContractTeamData _data;
    private readonly string _apiKey;
    private readonly DateTimeOffset _now;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _refreshes = new(StringComparer.Ordinal);
    private volatile bool _connectionsOutage;
    private int _outageAnswers;

    private ContractServer(WebApplication app, ContractTeamData data, string apiKey, DateTimeOffset now)
    {
        _app = app;
        _data = data;
        _apiKey = apiKey;
        _now = now;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request as it arrived: method, path, raw query, whether it carried the key, the raw target.</summary>
    public ConcurrentQueue<ContractRequest> Requests { get; } = new();

    /// <summary>The historical-pull cursors this server handed out (never <c>"None"</c>), with the offset each stands for.</summary>
    public ConcurrentDictionary<string, int> IssuedCursors { get; } = new();

    /// <summary>The resources-introspection cursors this server handed out, with the offset and the filters each stands for.</summary>
    public ConcurrentDictionary<string, (int Offset, string Filters)> IssuedResourceCursors { get; } = new();

    /// <summary>While true, <c>GET /v2/user/providers/*</c> answers 503 every time; every other endpoint is unaffected.</summary>
    public bool ConnectionsOutage
    {
        get => _connectionsOutage;
        set => _connectionsOutage = value;
    }

    /// <summary>How many 503s the connections outage has answered.</summary>
    public int ConnectionsOutageAnswers => Volatile.Read(ref _outageAnswers);

    /// <summary>Starts listening on a free loopback port. <paramref name="now"/> is the server's clock; it does not move.</summary>
    public static async Task<ContractServer> StartAsync(ContractTeamData data, string apiKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ContractServer(app, data, apiKey, now);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var keyMatched = request.Headers["x-vital-api-key"] == _apiKey;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path.Value + request.QueryString.Value);
        Requests.Enqueue(new ContractRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, keyMatched, rawTarget));

        var rawPath = rawTarget.Split('?', 2)[0];
        var route = Route(rawPath);
        if (route is null)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, """{"detail":"Not Found"}""");
            return;
        }

        var (endpoint, method, rawSegment) = route.Value;
        if (request.Method != method)
        {
            context.Response.Headers.Allow = method;
            await WriteAsync(context, StatusCodes.Status405MethodNotAllowed, """{"detail":"Method Not Allowed"}""");
            return;
        }

        // A proxy in front of Vital answers before any key is looked at.
        if (endpoint == Endpoint.Connections && ConnectionsOutage)
        {
            Interlocked.Increment(ref _outageAnswers);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>");
            return;
        }

        if (!keyMatched)
        {
            await WriteAsync(context, StatusCodes.Status401Unauthorized, """{"detail":"Invalid API key."}""");
            return;
        }

        switch (endpoint)
        {
            case Endpoint.Pulls:
                await PullsAsync(context);
                break;
            case Endpoint.Resources:
                await ResourcesAsync(context);
                break;
            case Endpoint.User:
                await UserAsync(context, rawSegment);
                break;
            case Endpoint.Resolve:
                await ResolveAsync(context, rawSegment);
                break;
            case Endpoint.Connections:
                await ConnectionsAsync(context, rawSegment);
                break;
            case Endpoint.Refresh:
                await RefreshAsync(context, rawSegment);
                break;
        }
    }

    private enum Endpoint
    {
        Pulls,
        Resources,
        User,
        Resolve,
        Connections,
        Refresh,
    }

    /// <summary>
    /// The route a raw path names, with the method it takes and its last segment still encoded. A path parameter is one
    /// segment: an unencoded <c>/</c> inside a client id makes a path no route matches, as with FastAPI.
    /// </summary>
    private static (Endpoint Endpoint, string Method, string RawSegment)? Route(string rawPath)
    {
        if (rawPath == PullsPath)
        {
            return (Endpoint.Pulls, HttpMethods.Get, string.Empty);
        }

        if (rawPath == ResourcesPath)
        {
            return (Endpoint.Resources, HttpMethods.Get, string.Empty);
        }

        (string Prefix, Endpoint Endpoint, string Method)[] nested =
        [
            (ResolvePrefix, Endpoint.Resolve, HttpMethods.Get),
            (ConnectionsPrefix, Endpoint.Connections, HttpMethods.Get),
            (RefreshPrefix, Endpoint.Refresh, HttpMethods.Post),
            (UserPrefix, Endpoint.User, HttpMethods.Get),
        ];
        foreach (var (prefix, endpoint, method) in nested)
        {
            if (rawPath.StartsWith(prefix, StringComparison.Ordinal))
            {
                var segment = rawPath[prefix.Length..];
                return segment.Length == 0 || segment.Contains('/', StringComparison.Ordinal) ? null : (endpoint, method, segment);
            }
        }

        return null;
    }

    private async Task PullsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        IEnumerable<JsonObject> users = _data.Pulls;
        if (query.TryGetValue("user_id", out var userId))
        {
            if (!Guid.TryParse(userId, out _))
            {
                await WriteAsync(context, StatusCodes.Status422UnprocessableEntity,
                    $$"""{"detail":[{"loc":["query","user_id"],"msg":"value is not a valid uuid","type":"type_error.uuid","input":{{JsonValue.Create(userId.ToString())!.ToJsonString(Wire)}}}]}""");
                return;
            }

            users = users.Where(u => (string?)u["user_id"] == userId);
        }

        if (query.TryGetValue("provider", out var provider))
        {
            users = users
                .Where(u => u["provider"]!.AsObject().ContainsKey(provider!))
                .Select(u => new JsonObject
                {
                    ["user_id"] = u["user_id"]!.DeepClone(),
                    ["provider"] = new JsonObject { [provider!] = u["provider"]![provider!]!.DeepClone() },
                });
        }

        var matching = users.ToList();
        var start = 0;
        if (query.TryGetValue("next_cursor", out var cursor))
        {
            if (!IssuedCursors.TryGetValue(cursor!, out start))
            {
                await WriteAsync(context, StatusCodes.Status400BadRequest, """{"detail":"Invalid cursor."}""");
                return;
            }
        }

        var page = matching.Skip(start).Take(PageSize).Select(u => u.DeepClone()).ToArray();
        var more = start + PageSize < matching.Count;
        string nextCursor = "None";
        if (more)
        {
            // Opaque to the client: a token with no visible offset, different for every filter.
            nextCursor = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Guid.NewGuid():N}|{start + PageSize}"));
            IssuedCursors[nextCursor] = start + PageSize;
        }

        var body = new JsonObject
        {
            ["data"] = new JsonArray(page),
            // Deprecated: a client that follows it lands on a path that answers 404.
            ["next"] = more ? $"{BaseAddress.GetLeftPart(UriPartial.Authority)}{DeprecatedNextPath}?page={start + PageSize}" : null,
            ["next_cursor"] = nextCursor,
            ["team_name"] = "an unknown top-level field",
        };
        await WriteAsync(context, StatusCodes.Status200OK, body.ToJsonString(Wire));
    }

    private async Task ResourcesAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var limit = 50;
        if (query.TryGetValue("user_limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            await ValidationAsync(context, "query", "user_limit", "Input should be a valid integer greater than 0", "int_parsing", limitText.ToString());
            return;
        }

        string? userId = null;
        if (query.TryGetValue("user_id", out var userIdText))
        {
            if (!Guid.TryParse(userIdText, out var parsed))
            {
                await ValidationAsync(context, "query", "user_id", "Input should be a valid UUID", "uuid_parsing", userIdText.ToString());
                return;
            }

            userId = parsed.ToString("D");
        }

        string? provider = query.TryGetValue("provider", out var providerText) ? providerText.ToString() : null;
        var filters = $"user_id={userId}&provider={provider}";

        var matching = new List<JsonObject>();
        foreach (var entry in _data.Resources)
        {
            if (userId is not null && (string?)entry["user_id"] != userId)
            {
                continue;
            }

            var byProvider = entry["provider"]!.AsObject();
            if (provider is null)
            {
                matching.Add(entry);
            }
            else if (byProvider[provider] is { } only)
            {
                matching.Add(new JsonObject { ["provider"] = new JsonObject { [provider] = only.DeepClone() }, ["user_id"] = entry["user_id"]!.DeepClone() });
            }
        }

        var start = 0;
        if (query.TryGetValue("next_cursor", out var cursor))
        {
            // A cursor is good only for the filters it was issued with.
            if (!IssuedResourceCursors.TryGetValue(cursor!, out var issued) || issued.Filters != filters)
            {
                await WriteAsync(context, StatusCodes.Status400BadRequest, """{"detail":"next_cursor is not valid for this query."}""");
                return;
            }

            start = issued.Offset;
        }

        var size = Math.Min(ResourcesPageSize, limit);
        var page = matching.Skip(start).Take(size).Select(e => e.DeepClone()).ToArray();
        var body = new JsonObject { ["data"] = new JsonArray(page) };
        if (start + size < matching.Count)
        {
            var token = "rsc." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            IssuedResourceCursors[token] = (start + size, filters);
            body["next"] = $"{BaseAddress.GetLeftPart(UriPartial.Authority)}{DeprecatedNextPath}?resources_from={start + size}";
            body["next_cursor"] = token;
        }
        else
        {
            // As in the spec's example: the last page has no next_cursor key at all.
            body["next"] = null;
        }

        await WriteAsync(context, StatusCodes.Status200OK, body.ToJsonString(Wire));
    }

    private async Task UserAsync(HttpContext context, string rawSegment)
    {
        if (await UserIdAsync(context, rawSegment) is not { } userId)
        {
            return;
        }

        if (_data.Users.FirstOrDefault(u => (string?)u["user_id"] == userId) is { } user)
        {
            await WriteAsync(context, StatusCodes.Status200OK, user.ToJsonString(Wire));
        }
        else if (_data.UnknownAnswers400.Contains(userId))
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, """{"detail":"User not found"}""");
        }
        else
        {
            await UnknownUserAsync(context, userId);
        }
    }

    private async Task ResolveAsync(HttpContext context, string rawSegment)
    {
        // Decoded exactly once: a client id sent twice encoded is another string, and no user has it.
        var clientUserId = Uri.UnescapeDataString(rawSegment);
        if (_data.Users.FirstOrDefault(u => (string?)u["client_user_id"] == clientUserId) is { } user)
        {
            await WriteAsync(context, StatusCodes.Status200OK, user.ToJsonString(Wire));
            return;
        }

        await WriteAsync(context, StatusCodes.Status404NotFound, new JsonObject { ["detail"] = $"No user with client_user_id {clientUserId} in this team." }.ToJsonString(Wire));
    }

    private async Task ConnectionsAsync(HttpContext context, string rawSegment)
    {
        if (await UserIdAsync(context, rawSegment) is not { } userId)
        {
            return;
        }

        if (!_data.Connections.TryGetValue(userId, out var providers))
        {
            await UnknownUserAsync(context, userId);
            return;
        }

        await WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["providers"] = providers.DeepClone() }.ToJsonString(Wire));
    }

    private async Task RefreshAsync(HttpContext context, string rawSegment)
    {
        if (await UserIdAsync(context, rawSegment) is not { } userId)
        {
            return;
        }

        var timeout = 10;
        if (context.Request.Query.TryGetValue("timeout", out var timeoutText)
            && (!int.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out timeout) || timeout is < 5 or > 60))
        {
            await ValidationAsync(context, "query", "timeout", "Input should be an integer from 5 to 60", "int_range", timeoutText.ToString());
            return;
        }

        if (!_data.Connections.TryGetValue(userId, out var providers))
        {
            await UnknownUserAsync(context, userId);
            return;
        }

        bool limited;
        var recent = _refreshes.GetOrAdd(userId, _ => new ConcurrentQueue<DateTimeOffset>());
        lock (recent)
        {
            limited = recent.Count(at => at > _now - TimeSpan.FromHours(1)) >= RefreshesPerHour;
            if (!limited)
            {
                recent.Enqueue(_now);
            }
        }

        if (limited)
        {
            context.Response.Headers.RetryAfter = "3600";
            await WriteAsync(context, StatusCodes.Status429TooManyRequests, """{"detail":"Too many refresh requests for this user: 8 per hour."}""");
            return;
        }

        if (providers.Count == 0)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, new JsonObject
            {
                ["error"] = "user has no connected sources",
                ["failed_sources"] = new JsonArray(),
                ["success"] = false,
                ["user_id"] = userId,
            }.ToJsonString(Wire));
            return;
        }

        var refreshed = new JsonArray();
        var inProgress = new JsonArray();
        var failed = new JsonArray();
        foreach (var connection in providers.Select(p => p!.AsObject()))
        {
            var slug = (string)connection["slug"]!;
            if (SdkProviders.Contains(slug))
            {
                continue;
            }

            var target = (string?)connection["status"] switch
            {
                "connected" => refreshed,
                "error" or "paused" => failed,
                _ => inProgress,
            };
            foreach (var (resource, availability) in connection["resource_availability"]!.AsObject())
            {
                if ((string?)availability!["status"] == "available")
                {
                    target.Add($"{slug}/{resource}");
                }
            }
        }

        await WriteAsync(context, inProgress.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status202Accepted, new JsonObject
        {
            ["failed_sources"] = failed,
            ["in_progress_sources"] = inProgress,
            ["refreshed_sources"] = refreshed,
            ["success"] = true,
            ["user_id"] = userId,
        }.ToJsonString(Wire));
    }

    /// <summary>The user id of a path, decoded once and normalized; a 422 (and null) when it is not a UUID.</summary>
    private static async Task<string?> UserIdAsync(HttpContext context, string rawSegment)
    {
        var text = Uri.UnescapeDataString(rawSegment);
        if (Guid.TryParse(text, out var id))
        {
            return id.ToString("D");
        }

        await ValidationAsync(context, "path", "user_id", "Input should be a valid UUID", "uuid_parsing", text);
        return null;
    }

    private static Task UnknownUserAsync(HttpContext context, string userId) =>
        WriteAsync(context, StatusCodes.Status404NotFound, new JsonObject { ["detail"] = $"User {userId} not found." }.ToJsonString(Wire));

    /// <summary>A FastAPI validation error: <c>{"detail": [{"type", "loc", "msg", "input"}]}</c>.</summary>
    private static Task ValidationAsync(HttpContext context, string where, string name, string message, string type, string input) =>
        WriteAsync(context, StatusCodes.Status422UnprocessableEntity, new JsonObject
        {
            ["detail"] = new JsonArray(new JsonObject
            {
                ["type"] = type,
                ["loc"] = new JsonArray(where, name),
                ["msg"] = message,
                ["input"] = input,
            }),
        }.ToJsonString(Wire));

    private static async Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }
}
