using System.Globalization;
using System.Text.Json;

namespace Dashboard.Benchmarks;

/// <summary><c>command --name value ...</c>, and where the result goes.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Arguments(string[] args)
    {
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name value, found '{args[i]}'.");
            }

            _values[args[i][2..]] = args[i + 1];
        }

        // Relative to where the harness was started, before it moves to its own directory.
        if (_values.TryGetValue("out", out var output))
        {
            _values["out"] = Path.GetFullPath(output);
        }
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public string Require(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required.");

    public int Int(string name, int fallback) => Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => string.Equals(Get(name), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes the result as one JSON line to <paramref name="path"/> or --out (appending nothing else), and to stdout.</summary>
    public void Write(object result, string? path = null)
    {
        var json = JsonSerializer.Serialize(result, Json.Options);
        if ((path ?? Get("out")) is { } file)
        {
            File.WriteAllText(file, json + "\n");
        }

        Console.WriteLine(json);
    }
}

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
