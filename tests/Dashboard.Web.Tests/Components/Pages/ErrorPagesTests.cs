using System.Diagnostics;
using Bunit;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Components.Pages;

public sealed class ErrorPagesTests : DashboardContext
{
    [Fact]
    public void NotFound_SaysSoShowsWhatUserLinksLookLikeAndLinksBack()
    {
        var cut = Render<NotFound>();

        Assert.Equal("Page not found", cut.Find("h1").TextContent);
        Assert.Contains("/users/<user id>", cut.Markup.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("/", cut.FindAll("a").Single(a => a.TextContent.Trim() == "Back to the team").GetAttribute("href"));
    }

    [Fact]
    public void Error_WordsAndAReferenceButNoDetails()
    {
        using var activity = new Activity("request").Start();

        var cut = Render<Error>();

        Assert.Equal("Something went wrong", cut.Find("h1").TextContent);
        Assert.Equal(activity.Id, cut.Find("code").TextContent);
        Assert.DoesNotContain("Exception", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("/", cut.FindAll("a").Single(a => a.TextContent.Trim() == "Back to the team").GetAttribute("href"));
    }

    [Fact]
    public void Error_NoRequestToReferTo_NoReference()
    {
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            var cut = Render<Error>();

            Assert.Empty(cut.FindAll("code"));
        }
        finally
        {
            Activity.Current = previous;
        }
    }
}
