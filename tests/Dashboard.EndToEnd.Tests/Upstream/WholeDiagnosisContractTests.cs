using System.Net;
using System.Text.Json;

namespace Dashboard.EndToEnd.Tests.Upstream;

/// <summary>
/// The whole diagnosis of ARCHITECTURE.md ("The whole diagnosis: user, connections, ongoing data"), asked of the real
/// dashboard process running against <see cref="ContractServer"/>: per user exactly the codes of
/// <see cref="ContractTeam.Expectations"/> (with the tables' severities).
/// </summary>
[Collection(ContractServerCollection.Name)]
public sealed class WholeDiagnosisContractTests(ContractServerTests.Running running)
{
    private static readonly string[] SeverityOrder = ["ok", "info", "warning", "critical"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Users => [.. ContractTeam.Expectations.Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Diagnosis_OfEachUser_HasExactlyTheExpectedCodes(string user)
    {
        var expected = ContractTeam.Row(user);

        var root = await DiagnosisAsync($"/api/users/{expected.VitalUserId}/diagnosis");

        Assert.Equal(expected.VitalUserId, root.GetProperty("userId").GetString());
        AssertCodes(expected.Codes, root);
    }

    /// <summary>The diagnosis at <paramref name="route"/>: 200 and JSON, or a failure that shows what came instead.</summary>
    private async Task<JsonElement> DiagnosisAsync(string route)
    {
        using var response = await running.Dashboard.GetAsync(new Uri(route, UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode} at {response.RequestMessage!.RequestUri}: {Excerpt(body)}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Exactly these codes (sorted), each with its table's severity, and <c>overall</c> the worst of them.</summary>
    internal static void AssertCodes(IEnumerable<string> expected, JsonElement root)
    {
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        var codes = findings.Select(f => f.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), codes);
        foreach (var finding in findings)
        {
            var code = finding.GetProperty("code").GetString()!;
            Assert.Equal(ContractTeam.Severities[code], finding.GetProperty("severity").GetString());
        }

        var worst = findings.Select(f => f.GetProperty("severity").GetString()!).Append("ok").MaxBy(s => Array.IndexOf(SeverityOrder, s));
        Assert.Equal(worst, root.GetProperty("overall").GetString());
    }

    internal static JsonElement Finding(JsonElement root, string code) =>
        root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == code);

    private static string Excerpt(string text) => text.Length > 600 ? text[..600] + "…" : text;
}
