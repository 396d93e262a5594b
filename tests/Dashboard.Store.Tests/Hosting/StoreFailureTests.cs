using Dashboard.Store.Hosting;
using Microsoft.Data.Sqlite;

namespace Dashboard.Store.Tests.Hosting;

public sealed class StoreFailureTests
{
    [Theory]
    [InlineData(13, "full")]
    [InlineData(8, "read-only")]
    [InlineData(14, "cannot be opened")]
    [InlineData(5, "locked")]
    public void Describe_SqliteErrors_InWords(int code, string words)
    {
        var reason = StoreFailure.Describe(new InvalidOperationException("wrapped", new SqliteException("SQLite Error: secret detail", code)));

        Assert.Contains(words, reason, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_Unknown_NamesTheTypeOnly()
    {
        var reason = StoreFailure.Describe(new InvalidOperationException("Password=hunter22 in a message"));

        Assert.Equal("the database could not be written (InvalidOperationException)", reason);
    }
}
