using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Vital.Simulator.Tests;

/// <summary>A simulator on a fake clock, an HttpClient over its handler, and helpers to read its answers.</summary>
internal sealed class SimulatorTestKit : IDisposable
{
    public const string Endpoint = "v2/introspect/historical_pull";
    public const string ResourcesEndpoint = "v2/introspect/resources";

    /// <summary>A fixed "now" for every test, so answers are reproducible.</summary>
    public static readonly DateTimeOffset Now = new(2025, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public SimulatorTestKit(int users = 200, int seed = 1, Action<SimulatorOptions>? configure = null)
    {
        Time = new FakeTimeProvider(Now);
        var options = new SimulatorOptions { Users = users, Seed = seed };
        configure?.Invoke(options);
        Simulator = new VitalSimulator(options, Time);
        Client = CreateClient(Simulator);
    }

    public FakeTimeProvider Time { get; }
    public VitalSimulator Simulator { get; }
    public SimulatedTeam Team => Simulator.Team;
    public HttpClient Client { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static HttpClient CreateClient(VitalSimulator simulator, string? apiKey = "sk_us_test")
    {
        var client = new HttpClient(new VitalSimulatorHandler(simulator)) { BaseAddress = new Uri("https://api.sandbox.us.junction.com/") };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("x-vital-api-key", apiKey);
        }

        return client;
    }

    public async Task<Answer> GetAsync(string query)
    {
        using var response = await Client.GetAsync(Endpoint + (query.Length > 0 ? "?" + query : string.Empty), Ct);
        return await Answer.ReadAsync(response);
    }

    public Task<Answer> GetUserAsync(string userId, string? provider = null) =>
        GetAsync($"user_id={Uri.EscapeDataString(userId)}" + (provider is null ? string.Empty : $"&provider={provider}"));

    /// <summary>Any request to the simulator, by method and relative path (query included).</summary>
    public async Task<Answer> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await Client.SendAsync(request, Ct);
        return await Answer.ReadAsync(response);
    }

    /// <summary><c>GET /v2/user/{user_id}</c>.</summary>
    public Task<Answer> GetAccountAsync(string userId) => SendAsync(HttpMethod.Get, "v2/user/" + Uri.EscapeDataString(userId));

    /// <summary><c>GET /v2/user/resolve/{client_user_id}</c>, the id encoded once, as a client should.</summary>
    public Task<Answer> ResolveAsync(string clientUserId) => SendAsync(HttpMethod.Get, "v2/user/resolve/" + Uri.EscapeDataString(clientUserId));

    /// <summary><c>GET /v2/user/providers/{user_id}</c>.</summary>
    public Task<Answer> GetConnectionsAsync(string userId) => SendAsync(HttpMethod.Get, "v2/user/providers/" + Uri.EscapeDataString(userId));

    /// <summary><c>POST /v2/user/refresh/{user_id}</c>, with an optional query such as <c>timeout=30</c>.</summary>
    public Task<Answer> RefreshAsync(string userId, string? query = null) =>
        SendAsync(HttpMethod.Post, "v2/user/refresh/" + Uri.EscapeDataString(userId) + (query is null ? string.Empty : "?" + query));

    /// <summary><c>GET /v2/introspect/resources</c> with a query.</summary>
    public Task<Answer> GetResourcesAsync(string query) => SendAsync(HttpMethod.Get, ResourcesEndpoint + (query.Length > 0 ? "?" + query : string.Empty));

    /// <summary>Follows next_cursor from the first page to the last, asserting every page is a 200.</summary>
    public async Task<List<Answer>> WalkAsync(int userLimit = 50, string? provider = null, string? lastPageCursor = null, string endpoint = Endpoint)
    {
        var pages = new List<Answer>();
        string? cursor = null;
        do
        {
            var query = $"user_limit={userLimit}"
                + (provider is null ? string.Empty : $"&provider={provider}")
                + (cursor is null ? string.Empty : $"&next_cursor={Uri.EscapeDataString(cursor)}");
            var page = await SendAsync(HttpMethod.Get, $"{endpoint}?{query}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            pages.Add(page);
            cursor = page.NextCursor;
            Assert.True(pages.Count <= Team.Count + 2, "paging does not end");
        }
        while (cursor is not null && cursor != lastPageCursor);

        return pages;
    }

    /// <summary>Every page of the resources introspection.</summary>
    public Task<List<Answer>> WalkResourcesAsync(int userLimit = 50, string? provider = null) => WalkAsync(userLimit, provider, endpoint: ResourcesEndpoint);

    /// <summary>The single user of a by-id answer, or null when data is empty.</summary>
    public async Task<JsonElement?> GetUserElementAsync(string userId, string? provider = null)
    {
        var answer = await GetUserAsync(userId, provider);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var data = answer.Json.GetProperty("data");
        Assert.True(data.GetArrayLength() <= 1);
        return data.GetArrayLength() == 0 ? null : data[0].Clone();
    }

    public void Dispose() => Client.Dispose();
}

/// <summary>One answer, read whole.</summary>
internal sealed record Answer(HttpStatusCode Status, string? ContentType, string Body, HttpResponseMessage Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? NextCursor => Json.GetProperty("next_cursor").GetString();

    public IReadOnlyList<string> UserIds => [.. Json.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("user_id").GetString()!)];

    public static async Task<Answer> ReadAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        response.Content.Headers.ContentType?.ToString(),
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
        response);
}

/// <summary>One connection of a <c>/v2/user/providers/{user_id}</c> answer.</summary>
internal sealed record ConnectionRow(JsonElement Connection)
{
    public string Slug => Connection.GetProperty("slug").GetString()!;

    public string Status => Connection.GetProperty("status").GetString()!;

    public string? ExternalUserId => Connection.GetProperty("external_user_id").GetString();

    public JsonElement? ErrorDetails => Connection.GetProperty("error_details") is { ValueKind: JsonValueKind.Object } e ? e : null;

    public string? ErrorType => ErrorDetails?.GetProperty("error_type").GetString();

    public DateTimeOffset CreatedOn => DateTimeOffset.Parse(Connection.GetProperty("created_on").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Resource to its availability entry.</summary>
    public Dictionary<string, JsonElement> Availability =>
        Connection.GetProperty("resource_availability").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);

    public IReadOnlyList<string> Unavailable => [.. Availability.Where(a => a.Value.GetProperty("status").GetString() == "unavailable").Select(a => a.Key)];

    /// <summary>The required scopes the user denied for one resource (empty when it has no scope requirements).</summary>
    public IReadOnlyList<string> DeniedRequired(string resource) =>
        Availability[resource].GetProperty("scope_requirements") is { ValueKind: JsonValueKind.Object } scopes
            ? [.. scopes.GetProperty("user_denied").GetProperty("required").EnumerateArray().Select(s => s.GetString()!)]
            : [];

    public static List<ConnectionRow> Of(Answer answer) => [.. answer.Json.GetProperty("providers").EnumerateArray().Select(c => new ConnectionRow(c.Clone()))];
}

/// <summary>One resource of a resources-introspection user element, flattened.</summary>
internal sealed record ResourceRow(string Provider, string Resource, JsonElement Stats)
{
    public string? LastAttemptStatus => Stats.GetProperty("last_attempt") is { ValueKind: JsonValueKind.Object } a ? a.GetProperty("status").GetString() : null;

    public DateTimeOffset? LastAttemptAt => Stats.GetProperty("last_attempt") is { ValueKind: JsonValueKind.Object } a ? Parse(a.GetProperty("timestamp")) : null;

    public DateTimeOffset? NewestData => Parse(Stats.GetProperty("newest_data"));

    public DateTimeOffset? OldestData => Parse(Stats.GetProperty("oldest_data"));

    public int? SentCount => Stats.GetProperty("sent_count") is { ValueKind: JsonValueKind.Number } n ? n.GetInt32() : null;

    public static List<ResourceRow> Of(JsonElement user) =>
    [
        .. user.GetProperty("provider").EnumerateObject().SelectMany(provider =>
            provider.Value.EnumerateObject().Select(resource => new ResourceRow(provider.Name, resource.Name, resource.Value.Clone()))),
    ];

    private static DateTimeOffset? Parse(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null;
}

/// <summary>Pulls of one user element, flattened.</summary>
internal sealed record PullRow(string Provider, string Resource, JsonElement Pull)
{
    public string Status => Pull.GetProperty("status").GetString()!;

    public string? ErrorDetails => Pull.TryGetProperty("error_details", out var e) ? e.GetString() : null;

    public int DaysWithData => Pull.GetProperty("days_with_data").GetInt32();

    public DateTimeOffset? Timestamp(string name) =>
        Pull.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null;

    public DateTimeOffset? Timeline(string name) =>
        Pull.GetProperty("timeline").TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    public double? RangeDays => Timestamp("range_end") - Timestamp("range_start") is { } span ? span.TotalDays : null;

    public static List<PullRow> Of(JsonElement user) =>
    [
        .. user.GetProperty("provider").EnumerateObject().SelectMany(provider =>
            provider.Value.GetProperty("pulled").EnumerateObject().Select(pull => new PullRow(provider.Name, pull.Name, pull.Value))),
    ];

    public static Dictionary<string, List<string>> NotPulled(JsonElement user) =>
        user.GetProperty("provider").EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.GetProperty("not_pulled").EnumerateArray().Select(r => r.GetString()!).ToList());
}
