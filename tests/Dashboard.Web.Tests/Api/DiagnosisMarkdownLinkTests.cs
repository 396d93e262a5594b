using Dashboard.Web.Exports;
using Markdig;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// Text from Vital or a provider in the Markdown export (an error message, a name) is read in a ticket, never clicked:
/// rendered as GitHub-flavoured Markdown with autolinks on (Markdig's advanced pipeline), it holds no link, and says
/// the same words.
/// </summary>
public sealed class DiagnosisMarkdownLinkTests
{
    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    [Theory]
    [InlineData("Reconnect at https://evil.example/login to keep your data")]
    [InlineData("see http://evil.example")]
    [InlineData("go to www.evil.example now")]
    [InlineData("WWW.evil.example")]
    [InlineData("ftp://files.evil.example/x")]
    [InlineData("write to support@evil.example or @org/team")]
    [InlineData("mailto:support@evil.example")]
    [InlineData("call tel:+15551234 or xmpp:a@b.example")]
    public void Text_UpstreamWordsThatLookLikeLinks_RenderAsTheSameWordsWithoutALink(string upstream)
    {
        var html = Markdown.ToHtml(DiagnosisMarkdown.Text(upstream), Gfm);

        Assert.DoesNotContain("<a", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"<p>{System.Net.WebUtility.HtmlEncode(upstream)}</p>", html.Trim());
    }

    [Fact]
    public void Text_TimesAndDomainsWithoutASchema_Unescaped()
    {
        // Only the marks a renderer links are escaped: a time's colon, a domain's dot and "awww." stay as written.
        Assert.Equal("2026-12-07 18:41 UTC, vital.io, awww.example", DiagnosisMarkdown.Text("2026-12-07 18:41 UTC, vital.io, awww.example"));
    }
}
