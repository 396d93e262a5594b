using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Vital.Simulator.Tests;

/// <summary>
/// The upstream's own schemas for its answers, from <c>../shared/vital/openapi-introspection.json</c>: by default
/// <c>#/components/schemas/UserHistoricalPullsResponse</c>, and any other through <see cref="For"/>. The OpenAPI
/// document is wrapped in a JSON Schema document that carries its <c>components</c> and refers to the response
/// schema, so every <c>$ref</c> resolves inside it. Formats (uuid, date, date-time) are asserted, not just annotated.
/// </summary>
internal sealed class UpstreamSchema
{
    /// <summary>The connections endpoint's 200 schema, written inline in its path; copied into the components under this name.</summary>
    public const string ConnectedProvidersResponse = "ConnectedProvidersResponse";

    private readonly JsonNode _strictComponents;
    private readonly JsonNode _relaxedComponents;
    private readonly Dictionary<string, (JsonSchema Strict, JsonSchema Relaxed)> _byName = [];
    private readonly Lock _lock = new();

    private static readonly Lazy<UpstreamSchema> Instance = new(() => new UpstreamSchema(SharedMaterial.RequireFile("vital/openapi-introspection.json")));

    // Flag output is quick; a failure is evaluated again with the list of errors, for the message.
    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private UpstreamSchema(string path)
    {
        var document = JsonNode.Parse(File.ReadAllText(path))!;
        var components = document["components"]!.DeepClone();
        components["schemas"]![ConnectedProvidersResponse] =
            document["paths"]!["/v2/user/providers/{user_id}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!.DeepClone();
        _strictComponents = components;
        Strict = Build(components.DeepClone(), "strict", "UserHistoricalPullsResponse");

        // The spec marks its enums non-exhaustive ("This enum is non-exhaustive."): Vital adds statuses, providers and
        // resources without notice, yet the schema's enum/propertyNames would reject them. The simulated team shows
        // such values on purpose (a status, a provider and a resource the spec does not list, and the older docs'
        // "error" status), so those users are checked against this copy, where every non-exhaustive enum is open.
        var relaxed = components.DeepClone();
        OpenNonExhaustiveEnums(relaxed);
        _relaxedComponents = relaxed;
        Relaxed = Build(relaxed.DeepClone(), "relaxed", "UserHistoricalPullsResponse");
    }

    /// <summary>Skips (or fails under CI=true) when <c>../shared</c> is absent.</summary>
    public static UpstreamSchema Load() => Instance.Value;

    public JsonSchema Strict { get; }

    /// <summary>The same, with every enum whose description says it is non-exhaustive left open.</summary>
    public JsonSchema Relaxed { get; }

    /// <summary>
    /// The strict and relaxed schemas of <c>#/components/schemas/{name}</c> (<c>UserResourcesResponse</c>,
    /// <c>ClientFacingUser</c>, <c>UserRefreshSuccessResponse</c>, <c>UserRefreshErrorResponse</c>,
    /// <c>HTTPValidationError</c>, or <see cref="ConnectedProvidersResponse"/>).
    /// </summary>
    public (JsonSchema Strict, JsonSchema Relaxed) For(string name)
    {
        lock (_lock)
        {
            if (!_byName.TryGetValue(name, out var schemas))
            {
                Assert.NotNull(_strictComponents["schemas"]![name]);
                _byName[name] = schemas = (Build(_strictComponents.DeepClone(), "strict-" + name, name), Build(_relaxedComponents.DeepClone(), "relaxed-" + name, name));
            }

            return schemas;
        }
    }

    public static (bool IsValid, string Errors) Validate(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        return Validate(schema, document.RootElement);
    }

    public static (bool IsValid, string Errors) Validate(JsonSchema schema, JsonElement instance)
    {
        if (schema.Evaluate(instance, Quick).IsValid)
        {
            return (true, string.Empty);
        }

        var result = schema.Evaluate(instance, Detailed);

        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Distinct()
            .Take(20);
        return (false, string.Join(Environment.NewLine, errors));
    }

    private static JsonSchema Build(JsonNode components, string name, string schema)
    {
        var wrapper = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://vital-simulator.test/upstream-{name}",
            ["$ref"] = $"#/components/schemas/{schema}",
            ["components"] = components,
        };

        // OpenAPI keywords such as "example" are unknown to JSON Schema; the 2020-12 dialect ignores them.
        return JsonSchema.FromText(wrapper.ToJsonString(), new BuildOptions { Dialect = Dialect.Draft202012 });
    }

    private static void OpenNonExhaustiveEnums(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["description"] is JsonValue description
                    && description.TryGetValue<string>(out var text)
                    && text.Contains("non-exhaustive", StringComparison.Ordinal))
                {
                    obj.Remove("enum");
                }

                foreach (var (_, child) in obj.ToList())
                {
                    OpenNonExhaustiveEnums(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    OpenNonExhaustiveEnums(child);
                }

                break;
        }
    }
}
