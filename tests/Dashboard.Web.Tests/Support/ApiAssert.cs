using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dashboard.Web.Tests.Support;

/// <summary>Assertions shared by the endpoint tests: problem bodies, UTC times, secrets that must not leak.</summary>
public static partial class ApiAssert
{
    /// <summary>
    /// A problem body (<c>application/problem+json</c>) with the status, a title and a detail in words, and nothing
    /// of the implementation: no stack frame, no exception type name.
    /// </summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        NoImplementationDetails(body);

        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    /// <summary>No stack frames, exception type names or framework namespaces.</summary>
    public static void NoImplementationDetails(string text)
    {
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExceptionTypeName(), text);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Polly", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Dashboard.Web.", text, StringComparison.Ordinal);
    }

    /// <summary>The secret appears nowhere in the status line, the headers (response and content) or the body.</summary>
    public static async Task NowhereAsync(string secret, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.DoesNotContain(secret, response.ReasonPhrase ?? string.Empty, StringComparison.Ordinal);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            Assert.DoesNotContain(secret, name, StringComparison.Ordinal);
            Assert.All(values, v => Assert.DoesNotContain(secret, v, StringComparison.Ordinal));
        }

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
    }

    /// <summary>An ISO-8601 UTC time ending in Z, as the diagnosis JSON writes every time.</summary>
    public static DateTimeOffset UtcTime(string? text)
    {
        Assert.NotNull(text);
        Assert.Matches(UtcTimePattern(), text);
        var time = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, time.Offset);
        return time;
    }

    [GeneratedRegex(@"\b[A-Z][A-Za-z]*Exception\b")]
    private static partial Regex ExceptionTypeName();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$")]
    private static partial Regex UtcTimePattern();
}
