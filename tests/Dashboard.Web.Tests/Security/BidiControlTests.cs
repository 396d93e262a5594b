using Dashboard.Web.Exports;
using Dashboard.Web.Tests.Support;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Security;

/// <summary>Bidirectional controls from Vital never reach a page, a CSV cell or a Markdown export.</summary>
public sealed class BidiControlTests
{
    private const string Controls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";

    [Fact]
    public void Parse_UpstreamStringsWithBidiControls_ArriveWithoutThem()
    {
        var pull = UpstreamJson.Pull("error");
        pull["release"] = "1.0\u202E.2";
        pull["trace_id"] = "51cc\u2066d2d";
        var page = UpstreamJson.Page(UpstreamJson.User("7aec8422-8174-4464-a4b2-b04c5939be0d",
            [KeyValuePair.Create("ou\u202Era", UpstreamJson.Provider([KeyValuePair.Create("sle\u2067ep", pull)], "wor\u202Akouts"))]));

        var parsed = HistoricalPullParser.Parse(page);

        var (slug, provider) = Assert.Single(Assert.Single(parsed.Users).Providers);
        var (resource, read) = Assert.Single(provider.Pulled);
        Assert.Equal("oura", slug.Value);
        Assert.Equal("sleep", resource.Value);
        Assert.Equal("workouts", Assert.Single(provider.NotPulled).Value);
        Assert.Equal("1.0.2", read.Release);
        Assert.Equal("51ccd2d", read.TraceId);
    }

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("a\u202Eb\u2069c", "abc")]
    [InlineData(Controls, "")]
    [InlineData("\u2065\u202F", "\u2065\u202F")]
    public void Strip_RemovesEachControlAndNothingElse(string input, string expected) =>
        Assert.Equal(expected, BidiControls.Strip(input));

    [Fact]
    public void Markdown_TextAndCode_WithoutBidiControls()
    {
        Assert.Equal("evil", DiagnosisMarkdown.Text("ev\u202Eil"));
        Assert.Equal("`abc`", DiagnosisMarkdown.Code("a\u2066b\u2069c"));
    }
}
