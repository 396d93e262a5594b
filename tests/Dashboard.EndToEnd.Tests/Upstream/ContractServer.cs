using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.EndToEnd.Tests.Upstream;

/// <summary>
/// An upstream written from <c>../shared/vital/CONTRACT.md</c> alone, sharing no code with <c>Vital.Simulator</c>:
/// its own cursor format (opaque, and <c>"None"</c> on the last page as in the official example), pages smaller than
/// <c>user_limit</c> while more follow, a deprecated <c>next</c> link that must not be followed, the <c>provider</c>
/// and <c>user_id</c> filters, a 422 for a malformed id and a 401 without the key. It listens on a loopback port
/// over real HTTP and keeps every request it was sent.
/// </summary>
internal sealed class ContractServer : IAsyncDisposable
{
    /// <summary>Users per page, whatever <c>user_limit</c> asks: the contract makes it an upper bound only.</summary>
    public const int PageSize = 2;

    private const string Path = "/v2/introspect/historical_pull";
    private const string NextPath = "/deprecated-next-link";

    private readonly WebApplication _app;
    private readonly IReadOnlyList<JsonObject> _team;
    private readonly string _apiKey;

    private ContractServer(WebApplication app, IReadOnlyList<JsonObject> team, string apiKey)
    {
        _app = app;
        _team = team;
        _apiKey = apiKey;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request as it arrived: path, query string and whether it carried the key.</summary>
    public ConcurrentQueue<(string Path, string Query, bool KeyMatched)> Requests { get; } = new();

    /// <summary>The cursors this server handed out (never <c>"None"</c>).</summary>
    public ConcurrentDictionary<string, int> IssuedCursors { get; } = new();

    public static async Task<ContractServer> StartAsync(IReadOnlyList<JsonObject> team, string apiKey, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ContractServer(app, team, apiKey);
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
        Requests.Enqueue((request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, keyMatched));

        if (request.Path != Path || request.Method != HttpMethods.Get)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, """{"detail":"Not Found"}""");
            return;
        }

        if (!keyMatched)
        {
            await WriteAsync(context, StatusCodes.Status401Unauthorized, """{"detail":"Invalid API key."}""");
            return;
        }

        var query = request.Query;
        IEnumerable<JsonObject> users = _team;
        if (query.TryGetValue("user_id", out var userId))
        {
            if (!Guid.TryParse(userId, out _))
            {
                await WriteAsync(context, StatusCodes.Status422UnprocessableEntity,
                    $$"""{"detail":[{"loc":["query","user_id"],"msg":"value is not a valid uuid","type":"type_error.uuid","input":"{{userId}}"}]}""");
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
            ["next"] = more ? $"{BaseAddress.GetLeftPart(UriPartial.Authority)}{NextPath}?page={start + PageSize}" : null,
            ["next_cursor"] = nextCursor,
            ["team_name"] = "an unknown top-level field",
        };
        await WriteAsync(context, StatusCodes.Status200OK, body.ToJsonString());
    }

    private static async Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }
}
