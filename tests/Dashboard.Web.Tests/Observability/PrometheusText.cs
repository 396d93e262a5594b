using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Dashboard.Web.Tests.Observability;

/// <summary>A scrape of <c>/metrics</c>: its families (<c># TYPE</c> lines) and samples, read as Prometheus would.</summary>
internal sealed partial class PrometheusText(string text)
{
    private IReadOnlyList<(string, IReadOnlyDictionary<string, string>, double)>? _samples;

    public string Text { get; } = text;

    /// <summary>Metric family names with their type (<c>counter</c>, <c>gauge</c>, <c>histogram</c>).</summary>
    public IReadOnlyDictionary<string, string> Families { get; } = TypeLine().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    /// <summary>Every sample line: its series name, labels and value (read when asked: a 404's page has none to read).</summary>
    public IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> Samples => _samples ??=
        [.. Text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(ParseSample)];

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include <paramref name="labels"/> (0 when none).</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    public bool Has(string name, params (string Key, string Value)[] labels) =>
        Samples.Any(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value));

    /// <summary>GETs <c>/metrics</c> as a client at <paramref name="remoteAddress"/> (null: the test server's client, which has none).</summary>
    public static async Task<(int Status, string? ContentType, PrometheusText Body)> ScrapeAsync(TestServer server, IPAddress? remoteAddress, CancellationToken cancellationToken, Action<HttpContext>? configure = null)
    {
        var context = await server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = remoteAddress;
            configure?.Invoke(c);
        }, cancellationToken);

        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, context.Response.ContentType, new PrometheusText(await reader.ReadToEndAsync(cancellationToken)));
    }

    private static (string, IReadOnlyDictionary<string, string>, double) ParseSample(string line)
    {
        var match = SampleLine().Match(line);
        if (!match.Success)
        {
            throw new FormatException("Not a Prometheus sample line: " + line);
        }

        var labels = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var value = match.Groups["value"].Value switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            var v => double.Parse(v, CultureInfo.InvariantCulture),
        };
        return (match.Groups["name"].Value, labels, value);
    }

    [GeneratedRegex(@"^# TYPE (\S+) (\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
