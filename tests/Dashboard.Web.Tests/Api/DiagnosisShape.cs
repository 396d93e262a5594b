using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Api;

/// <summary>The diagnosis JSON of docs/ARCHITECTURE.md, checked field by field.</summary>
public static partial class DiagnosisShape
{
    public static readonly string[] TopLevel =
        ["userId", "clientUserId", "teamId", "environment", "region", "asOf", "overall", "headline", "providers", "findings", "user", "connections", "sources", "link"];
    public static readonly string[] ProviderFields = ["provider", "worstStatus", "resources", "notPulled"];
    public static readonly string[] ResourceFields =
        ["rangeStart", "rangeEnd", "daysWithData", "scheduledAt", "startedAt", "endedAt", "release", "traceId", "errorDetails", "resource", "status", "freshness"];
    public static readonly string[] FreshnessFields = ["newestData", "oldestData", "lastAttemptAt", "lastAttemptStatus", "sentCount"];
    public static readonly string[] UserFields = ["createdOn", "ingestionStart", "ingestionEnd", "connectedSources"];
    public static readonly string[] ConnectionFields =
        ["provider", "status", "errorType", "errorMessage", "erroredAt", "externalUserId", "unavailableResources", "createdOn"];
    public static readonly string[] SourceFields = ["user", "connections", "historicalPulls", "resources"];
    public static readonly string[] FindingFields = ["code", "severity", "provider", "resource", "title", "explanation", "action", "evidence"];

    /// <summary>The finding table of docs/ARCHITECTURE.md: every code and its one severity.</summary>
    public static IReadOnlyDictionary<string, string> SeverityOf => FindingSeverities.Of;

    private static readonly string[] SeverityOrder = ["ok", "info", "warning", "critical"];

    private static readonly HashSet<string> ResourceTimes = ["rangeStart", "rangeEnd", "scheduledAt", "startedAt", "endedAt"];

    /// <summary>Exactly the documented members at every level, with the documented types; returns the root.</summary>
    public static JsonElement Assert(JsonElement root, string userId, string link)
    {
        Members(root, TopLevel);
        Xunit.Assert.Equal(userId, root.GetProperty("userId").GetString());
        ApiAssert.UtcTime(root.GetProperty("asOf").GetString());
        Xunit.Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("headline").GetString()));
        Xunit.Assert.Equal(link, root.GetProperty("link").GetString());

        foreach (var provider in Array(root, "providers"))
        {
            Members(provider, ProviderFields);
            Xunit.Assert.Equal(JsonValueKind.String, provider.GetProperty("provider").ValueKind);
            Xunit.Assert.Contains(provider.GetProperty("worstStatus").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
            Xunit.Assert.All(Array(provider, "notPulled"), n => Xunit.Assert.Equal(JsonValueKind.String, n.ValueKind));
            foreach (var resource in Array(provider, "resources"))
            {
                Members(resource, ResourceFields);
                Xunit.Assert.Equal(JsonValueKind.String, resource.GetProperty("resource").ValueKind);
                // Null only for a resource with ongoing data and no historical pull: then it has freshness.
                var status = resource.GetProperty("status");
                Xunit.Assert.True(status.ValueKind == JsonValueKind.String || resource.GetProperty("freshness").ValueKind == JsonValueKind.Object);
                if (resource.GetProperty("freshness") is { ValueKind: JsonValueKind.Object } freshness)
                {
                    Members(freshness, FreshnessFields);
                    OptionalTime(freshness.GetProperty("newestData"));
                    OptionalTime(freshness.GetProperty("oldestData"));
                    OptionalTime(freshness.GetProperty("lastAttemptAt"));
                }
                Xunit.Assert.True(resource.GetProperty("daysWithData").TryGetInt32(out _));
                foreach (var name in ResourceTimes)
                {
                    OptionalTime(resource.GetProperty(name));
                }

                foreach (var name in new[] { "release", "traceId", "errorDetails" })
                {
                    Xunit.Assert.Contains(resource.GetProperty(name).ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
                }
            }
        }

        var worst = "ok";
        foreach (var finding in Array(root, "findings"))
        {
            Members(finding, FindingFields);
            var code = finding.GetProperty("code").GetString()!;
            var severity = finding.GetProperty("severity").GetString()!;
            Xunit.Assert.True(SeverityOf.ContainsKey(code), $"'{code}' is not a documented finding code.");
            Xunit.Assert.Equal(SeverityOf[code], severity);
            foreach (var text in new[] { "title", "explanation", "action" })
            {
                Xunit.Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty(text).GetString()), $"{code} has no {text}.");
            }

            Xunit.Assert.Equal(JsonValueKind.Object, finding.GetProperty("evidence").ValueKind);
            CamelCaseEverywhere(finding.GetProperty("evidence"));
            foreach (var evidence in finding.GetProperty("evidence").EnumerateObject().Where(p => p.Name.EndsWith("At", StringComparison.Ordinal) || p.Name.StartsWith("range", StringComparison.Ordinal)))
            {
                ApiAssert.UtcTime(evidence.Value.GetString());
            }

            worst = System.Array.IndexOf(SeverityOrder, severity) > System.Array.IndexOf(SeverityOrder, worst) ? severity : worst;
        }

        Xunit.Assert.Equal(worst, root.GetProperty("overall").GetString());

        if (root.GetProperty("user") is { ValueKind: JsonValueKind.Object } user)
        {
            Members(user, UserFields);
            OptionalTime(user.GetProperty("createdOn"));
            Xunit.Assert.All(Array(user, "connectedSources"), s => Xunit.Assert.Equal(JsonValueKind.String, s.GetProperty("provider").ValueKind));
        }

        foreach (var connection in Array(root, "connections"))
        {
            Members(connection, ConnectionFields);
            Xunit.Assert.Equal(JsonValueKind.String, connection.GetProperty("status").ValueKind);
            OptionalTime(connection.GetProperty("erroredAt"));
            OptionalTime(connection.GetProperty("createdOn"));
            Xunit.Assert.All(Array(connection, "unavailableResources"), r => Members(r, ["resource", "deniedScopes"]));
        }

        var sources = root.GetProperty("sources");
        Members(sources, SourceFields);
        Xunit.Assert.All(sources.EnumerateObject(), p => Xunit.Assert.Contains(p.Value.GetString(), new[] { "ok", "not_found", "unavailable", "not_read" }));
        CamelCaseEverywhere(root);
        return root;
    }

    public static IEnumerable<JsonElement> Array(JsonElement parent, string name)
    {
        var array = parent.GetProperty(name);
        Xunit.Assert.Equal(JsonValueKind.Array, array.ValueKind);
        return array.EnumerateArray();
    }

    public static IReadOnlyList<(string Code, string Severity)> Findings(JsonElement root) =>
        [.. Array(root, "findings").Select(f => (f.GetProperty("code").GetString()!, f.GetProperty("severity").GetString()!))];

    private static void Members(JsonElement element, string[] expected)
    {
        Xunit.Assert.Equal(JsonValueKind.Object, element.ValueKind);
        var names = element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Xunit.Assert.Equal(expected.Order(StringComparer.Ordinal).ToArray(), names);
    }

    private static void OptionalTime(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Null)
        {
            ApiAssert.UtcTime(value.GetString());
        }
    }

    private static void CamelCaseEverywhere(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Xunit.Assert.Matches(CamelCase(), property.Name);
                    CamelCaseEverywhere(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CamelCaseEverywhere(item);
                }

                break;
        }
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();
}
