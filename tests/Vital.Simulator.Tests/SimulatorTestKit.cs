using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Vital.Simulator.Tests;

/// <summary>A simulator on a fake clock, an HttpClient over its handler, and helpers to read its answers.</summary>
internal sealed class SimulatorTestKit : IDisposable
{
    public const string Endpoint = "v2/introspect/historical_pull";

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

    /// <summary>Follows next_cursor from the first page to the last, asserting every page is a 200.</summary>
    public async Task<List<Answer>> WalkAsync(int userLimit = 50, string? provider = null, string? lastPageCursor = null)
    {
        var pages = new List<Answer>();
        string? cursor = null;
        do
        {
            var query = $"user_limit={userLimit}"
                + (provider is null ? string.Empty : $"&provider={provider}")
                + (cursor is null ? string.Empty : $"&next_cursor={Uri.EscapeDataString(cursor)}");
            var page = await GetAsync(query);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            pages.Add(page);
            cursor = page.NextCursor;
            Assert.True(pages.Count <= Team.Count + 2, "paging does not end");
        }
        while (cursor is not null && cursor != lastPageCursor);

        return pages;
    }

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
