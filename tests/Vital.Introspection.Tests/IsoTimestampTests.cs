using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vital.Introspection.Tests;

/// <summary>
/// The fast reading of the usual timestamp shape must give what the general parser gives, for every string it takes;
/// what it declines goes to the general parser, so <see cref="HistoricalPullParser.ParseTimestamp"/> reads the same.
/// </summary>
public sealed class IsoTimestampTests
{
    [Theory]
    [InlineData("2023-10-24T13:52:51Z")]
    [InlineData("2023-10-24T13:52:51")]
    [InlineData("2023-10-24 13:52:51+00:00")]
    [InlineData("2023-10-24T15:52:51+02:00")]
    [InlineData("2023-10-24T08:22:51-05:30")]
    [InlineData("2023-10-24T13:52:51.5Z")]
    [InlineData("2023-10-24T13:52:51.123456+00:00")]
    [InlineData("2023-10-24T13:52:51.1234567Z")]
    [InlineData("2024-02-29T23:59:59.9999999+14:00")]
    [InlineData("2024-01-01T00:00:00-14:00")]
    public void TryRead_TheUsualShapes_AreReadFast_AsTheGeneralParserReadsThem(string text)
    {
        Assert.True(IsoTimestamp.TryRead(text.AsSpan(), out var fast));
        Assert.True(IsoTimestamp.TryRead(Encoding.UTF8.GetBytes(text).AsSpan(), out var fromBytes));

        Assert.Equal(General(text), fast);
        Assert.Equal(TimeSpan.Zero, fast.Offset);
        Assert.Equal(fast, fromBytes);
    }

    [Theory]
    [InlineData("2023-10-24T13:52")]
    [InlineData("2023-10-24T13:52:51.12345678Z")]
    [InlineData("2023-10-24T13:52:51.Z")]
    [InlineData("2023-10-24T13:52:51+0200")]
    [InlineData("2023-10-24T13:52:51+02")]
    [InlineData("2023-10-24t13:52:51z")]
    [InlineData("2023-10-24T13:52:51 +02:00")]
    [InlineData("2023-02-29T13:52:51Z")]
    [InlineData("2023-10-24T24:00:00Z")]
    [InlineData("2023-10-24T13:52:60Z")]
    [InlineData("2023-10-24T13:52:51+15:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("2023-1-24T13:52:51Z")]
    [InlineData("٢٠٢٣-10-24T13:52:51Z")]
    [InlineData("Oct 24, 2023 13:52:51")]
    public void TryRead_AnyOtherShape_IsDeclined_AndParseTimestampReadsItAsBefore(string text)
    {
        Assert.False(IsoTimestamp.TryRead(text.AsSpan(), out _));
        Assert.False(IsoTimestamp.TryRead(Encoding.UTF8.GetBytes(text).AsSpan(), out _));

        Assert.Equal(General(text), HistoricalPullParser.ParseTimestamp(text));
    }

    [Fact]
    public void TryRead_ManyGeneratedTimestamps_ReadsEachItTakesAsTheGeneralParserDoes()
    {
        var random = new Random(20261206);
        string[] separators = ["T", " ", "t"];
        var taken = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var text = Generate(random, separators);
            var takenAsText = IsoTimestamp.TryRead(text.AsSpan(), out var fast);
            Assert.Equal(takenAsText, IsoTimestamp.TryRead(Encoding.UTF8.GetBytes(text).AsSpan(), out var fromBytes));
            if (takenAsText)
            {
                taken++;
                Assert.True(General(text) == fast && fast.Offset == TimeSpan.Zero && fromBytes == fast, $"'{text}': fast {fast:O}, from bytes {fromBytes:O}, general {General(text):O}");
            }

            Assert.Equal(General(text), HistoricalPullParser.ParseTimestamp(text));
        }

        // Most generated strings are in the usual shape: the comparison above is not made on a handful.
        Assert.InRange(taken, 10_000, 20_000);
    }

    [Theory]
    [InlineData("\"2023-10-24T15:52:51+02:00\"")]
    [InlineData("\"\\u0032023-10-24T15:52:51+02:00\"")]
    [InlineData("\" 2023-10-24T15:52:51Z \"")]
    [InlineData("\"2023-10-24T13:52\"")]
    [InlineData("\"Oct 24, 2023 13:52:51\"")]
    [InlineData("\"\u202A2023-10-24T13:52:51Z\"")]
    [InlineData("\"None\"")]
    [InlineData("\"\"")]
    [InlineData("1698155571")]
    [InlineData("null")]
    [InlineData("{\"at\": 1}")]
    public void Parse_EveryTimestampOfEveryBody_IsReadAsParseTimestampReadsItsText(string json)
    {
        var text = JsonText(json);
        var expected = HistoricalPullParser.ParseTimestamp(text);
        var pulls = HistoricalPullParser.Parse(
            """{"data": [{"user_id": "u1", "provider": {"oura": {"pulled": {"sleep": {"status": "success", "range_start": TIME, "range_end": TIME, "timeline": {"scheduled_at": TIME, "started_at": TIME, "ended_at": TIME}}}, "not_pulled": []}}}], "next_cursor": null}""".Replace("TIME", json, StringComparison.Ordinal));
        var resources = ResourcesParser.Parse(
            """{"data": [{"user_id": "u1", "provider": {"oura": {"sleep": {"last_attempt": {"timestamp": TIME, "status": "success"}, "oldest_data": TIME, "newest_data": TIME, "sent_count": 3}}}}], "next_cursor": null}""".Replace("TIME", json, StringComparison.Ordinal));

        var pull = Assert.Single(pulls.Users).Providers[new ProviderSlug("oura")].Pulled[new ResourceName("sleep")];
        Assert.All([pull.RangeStart, pull.RangeEnd, pull.Timeline.ScheduledAt, pull.Timeline.StartedAt, pull.Timeline.EndedAt], time => Assert.Equal(expected, time));
        var freshness = Assert.Single(resources.Users).Providers[new ProviderSlug("oura")][new ResourceName("sleep")];
        Assert.All([freshness.LastAttempt!.Timestamp, freshness.OldestData, freshness.NewestData], time => Assert.Equal(expected, time));

        var user = UserParser.Parse(
            """{"user_id": "u1", "created_on": TIME, "connected_sources": [{"provider": {"slug": "oura", "name": "Oura"}, "created_on": TIME}]}""".Replace("TIME", json, StringComparison.Ordinal));
        Assert.Equal(expected, user.CreatedOn);
        Assert.Equal(expected, Assert.Single(user.ConnectedSources).CreatedOn);

        var connection = Assert.Single(ConnectionsParser.Parse(
            """{"providers": [{"name": "Oura", "slug": "oura", "created_on": TIME, "status": "error", "error_details": {"error_type": "token_refresh_failed", "error_message": "m", "errored_at": TIME}}]}""".Replace("TIME", json, StringComparison.Ordinal)));
        Assert.Equal(expected, connection.CreatedOn);
        Assert.Equal(expected, connection.Error!.ErroredAt);
    }

    /// <summary>The text the lenient reader makes of a JSON value (strings unescaped, bidi controls stripped; numbers as written; others null).</summary>
    private static string? JsonText(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind switch
        {
            JsonValueKind.String => BidiControls.Strip(document.RootElement.GetString()),
            JsonValueKind.Number => document.RootElement.GetRawText(),
            _ => null,
        };
    }

    private static string Generate(Random random, string[] separators)
    {
        var year = random.Next(20) == 0 ? random.Next(1, 10_000) : random.Next(1990, 2040);
        var month = random.Next(30) == 0 ? random.Next(0, 14) : random.Next(1, 13);
        var day = random.Next(1, 32);
        var hour = random.Next(30) == 0 ? 24 : random.Next(0, 24);
        var minute = random.Next(0, 60);
        var second = random.Next(30) == 0 ? 60 : random.Next(0, 60);
        var separator = random.Next(10) == 0 ? separators[random.Next(separators.Length)] : "T";
        var digits = random.Next(3) == 0 ? 0 : random.Next(1, 10);
        var fraction = digits == 0 ? string.Empty : "." + string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
        var zone = random.Next(6) switch
        {
            0 => string.Empty,
            1 or 2 => "Z",
            _ => Offset(random),
        };

        return string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}{separator}{hour:D2}:{minute:D2}:{second:D2}{fraction}{zone}");
    }

    private static string Offset(Random random)
    {
        var sign = random.Next(2) == 0 ? '+' : '-';
        var hours = random.Next(0, 16);
        var minutes = random.Next(4) switch { 0 => 0, 1 => 30, 2 => 45, _ => random.Next(0, 61) };
        return random.Next(20) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{hours:D2}{minutes:D2}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{hours:D2}:{minutes:D2}");
    }

    /// <summary>What the parser read before the fast path: the general parse, in UTC.</summary>
    private static DateTimeOffset? General(string text) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value)
            ? value.ToUniversalTime()
            : null;
}
