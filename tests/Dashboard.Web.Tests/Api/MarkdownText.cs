using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Web.Tests.Api;

/// <summary>Reading the Markdown export as a GitHub-flavoured renderer would, for assertions.</summary>
public static partial class MarkdownText
{
    /// <summary>The text with backslash escapes removed, so it compares with the diagnosis JSON's plain text.</summary>
    public static string Unescaped(string markdown) => BackslashEscape().Replace(markdown, "$1");

    /// <summary>The text outside code spans (where HTML and emphasis would be live).</summary>
    public static string OutsideCodeSpans(string markdown) => CodeSpan().Replace(markdown, " ");

    /// <summary>
    /// The cells of a table row as GFM splits it: on every pipe that is not backslash-escaped, before any inline
    /// parsing, so a pipe inside a code span splits too unless escaped.
    /// </summary>
    public static List<string> Cells(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '\\' && i + 1 < row.Length)
            {
                cell.Append(row[i]).Append(row[i + 1]);
                i++;
            }
            else if (row[i] == '|')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(row[i]);
            }
        }

        cells.Add(cell.ToString());

        // A row starts and ends with a pipe: the empty text outside them is not a cell.
        return cells[1..^1];
    }

    /// <summary>Every <c>&lt;</c> outside code spans is escaped, so no HTML tag reaches a renderer.</summary>
    public static void NoLiveHtml(string markdown)
    {
        var outside = OutsideCodeSpans(markdown);
        for (var i = 0; i < outside.Length; i++)
        {
            if (outside[i] == '<')
            {
                Assert.True(i > 0 && outside[i - 1] == '\\', $"Unescaped '<' near: {outside[Math.Max(0, i - 40)..Math.Min(outside.Length, i + 40)]}");
            }
        }
    }

    [GeneratedRegex(@"\\([\\`*_\[\]<>#|!~@:.])")]
    private static partial Regex BackslashEscape();

    [GeneratedRegex(@"(?<!\\)(`+)(?!`).*?(?<!`)\1(?!`)")]
    private static partial Regex CodeSpan();
}
