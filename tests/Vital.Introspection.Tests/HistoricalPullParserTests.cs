using Vital.Introspection.Tests.Support;

namespace Vital.Introspection.Tests;

public sealed class HistoricalPullParserTests
{
    private static HistoricalPullPage ParseFixture(string name) =>
        HistoricalPullParser.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)));

    [Fact]
    public void Parse_EveryExampleFile_ParsesWithUsersAndPulls()
    {
        // Every file, including any added to the folder later, not only the two named below.
        var folder = SharedFolder.PathTo("vital/examples");
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var page = HistoricalPullParser.Parse(File.ReadAllBytes(file));
            Assert.True(page.Users.Count > 0, $"{Path.GetFileName(file)}: no user");
            Assert.True(page.Users.Sum(u => u.Providers.Values.Sum(p => p.Pulled.Count)) > 0, $"{Path.GetFileName(file)}: no pull");
        }
    }

    [Fact]
    public void Parse_OfficialExample_ReadsEveryFieldAndTreatsNoneCursorAsLastPage()
    {
        var page = HistoricalPullParser.Parse(File.ReadAllBytes(SharedFolder.PathTo("vital/examples/official-example.json")));

        var user = Assert.Single(page.Users);
        Assert.Equal(string.Empty, user.UserId);
        var fitbit = user.Providers[ProviderSlug.Fitbit];
        Assert.Equal([ResourceName.BloodOxygen], fitbit.NotPulled);
        var sleep = fitbit.Pulled[ResourceName.Sleep];
        Assert.Equal(PullStatus.Retrying, sleep.Status);
        Assert.Equal(PullErrorDetails.ProviderRateLimitExceeded, sleep.ErrorDetails);
        Assert.True(sleep.ErrorDetails!.Value.IsRetriable);
        Assert.Equal(70, sleep.DaysWithData);
        Assert.Equal(new DateTimeOffset(2023, 7, 24, 0, 0, 0, TimeSpan.Zero), sleep.RangeStart);
        Assert.Equal(new DateTimeOffset(2023, 10, 24, 13, 53, 4, TimeSpan.Zero), sleep.Timeline.EndedAt);
        Assert.Equal("0.0.0-dev.cd0e262", sleep.Release);
        Assert.Equal("51cc7d2d72e98ed4eb63e2b0864b39e3", sleep.TraceId);
        var activity = fitbit.Pulled[ResourceName.Activity];
        Assert.Equal(PullStatus.Success, activity.Status);
        Assert.Null(activity.ErrorDetails);
        Assert.Null(page.NextCursor);
        Assert.True(page.IsLastPage);
    }

    [Fact]
    public void Parse_AllStatusesExample_KeepsEveryStatusAndTolerance()
    {
        var page = HistoricalPullParser.Parse(File.ReadAllBytes(SharedFolder.PathTo("vital/examples/all-statuses.json")));

        var user = Assert.Single(page.Users);
        Assert.Equal("7aec8422-8174-4464-a4b2-b04c5939be0d", user.UserId);
        var oura = user.Providers[ProviderSlug.Oura];
        Assert.Equal(PullStatus.Success, oura.Pulled[ResourceName.Sleep].Status);
        Assert.Equal(new DateTimeOffset(2025, 11, 28, 10, 2, 40, 123, TimeSpan.Zero).AddTicks(4560), oura.Pulled[ResourceName.Sleep].Timeline.EndedAt);
        Assert.Equal(PullStatus.Retrying, oura.Pulled[ResourceName.Activity].Status);
        Assert.Equal(PullErrorDetails.RetryQuotaExhausted, oura.Pulled[ResourceName.Workouts].ErrorDetails);
        Assert.True(oura.Pulled[ResourceName.Workouts].ErrorDetails!.Value.IsPermanent);
        Assert.Equal(PullStatus.InProgress, oura.Pulled[ResourceName.HeartRate].Status);
        Assert.Null(oura.Pulled[ResourceName.HeartRate].Timeline.EndedAt);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), oura.Pulled[ResourceName.HeartRate].RangeStart);
        var hrv = oura.Pulled[ResourceName.Hrv];
        Assert.Equal(PullStatus.Scheduled, hrv.Status);
        Assert.Null(hrv.RangeStart);
        Assert.Equal(0, hrv.DaysWithData);
        Assert.Null(hrv.TraceId);
        Assert.Equal([ResourceName.BloodOxygen, new ResourceName("stress_level")], oura.NotPulled);

        var garminSleep = user.Providers[ProviderSlug.Garmin].Pulled[ResourceName.Sleep];
        Assert.Equal(PullStatus.Error, garminSleep.Status);
        Assert.True(garminSleep.Status.IsFailureLike);
        Assert.Empty(user.Providers[ProviderSlug.Garmin].NotPulled);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public void Parse_OwnToleranceFixture_AcceptsEveryQuirkWithoutLosingData()
    {
        var page = ParseFixture("tolerances.json");

        var user = Assert.Single(page.Users);
        Assert.Equal("eyJwb3MiOjUwfQ", page.NextCursor);
        var oura = user.Providers[ProviderSlug.Oura];

        var sleep = oura.Pulled[ResourceName.Sleep];
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), sleep.RangeStart);
        Assert.Equal(new DateTimeOffset(2025, 11, 27, 22, 0, 0, 123, TimeSpan.Zero).AddTicks(4560), sleep.RangeEnd);
        Assert.Equal(TimeSpan.Zero, sleep.RangeEnd!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2025, 11, 28, 10, 0, 1, 500, TimeSpan.Zero), sleep.Timeline.ScheduledAt);
        Assert.Equal(new DateTimeOffset(2025, 11, 28, 10, 0, 4, TimeSpan.Zero), sleep.Timeline.StartedAt);
        Assert.Equal(171, sleep.DaysWithData);

        var activity = oura.Pulled[ResourceName.Activity];
        Assert.Null(activity.RangeStart);
        Assert.Null(activity.Timeline.StartedAt);
        Assert.Equal(0, activity.DaysWithData);
        Assert.Null(activity.TraceId);
        Assert.Null(activity.ErrorDetails);

        var hrv = oura.Pulled[ResourceName.Hrv];
        Assert.Null(hrv.Release);
        Assert.Equal(0, hrv.DaysWithData);

        var steps = oura.Pulled[ResourceName.Steps];
        Assert.Null(steps.RangeStart);
        Assert.Null(steps.Timeline.ScheduledAt);
        Assert.Equal(12, steps.DaysWithData);
        Assert.Equal("7", steps.Release);

        Assert.False(oura.Pulled.ContainsKey(ResourceName.Body));
        Assert.Equal([ResourceName.BloodOxygen, new ResourceName("stress_level")], oura.NotPulled);

        var future = user.Providers[new ProviderSlug("junction_ring")].Pulled[new ResourceName("aura_field")];
        Assert.Equal("paused", future.Status.Value);
        Assert.False(future.Status.IsKnown);
        Assert.False(future.Status.IsFailureLike);
        Assert.Equal("provider_went_to_the_moon", future.ErrorDetails!.Value.Value);
        Assert.False(future.ErrorDetails!.Value.IsKnown);
        Assert.Empty(user.Providers[new ProviderSlug("junction_ring")].NotPulled);

        Assert.Empty(user.Providers[ProviderSlug.Whoop].Pulled);
        Assert.Equal([ResourceName.Sleep], user.Providers[ProviderSlug.Whoop].NotPulled);
        Assert.Empty(user.Providers[new ProviderSlug("withings")].Pulled);
    }

    [Theory]
    [InlineData("\"next_cursor\": null")]
    [InlineData("\"next_cursor\": \"\"")]
    [InlineData("\"next_cursor\": \"None\"")]
    [InlineData("\"next_cursor\": \"  \"")]
    [InlineData("\"other\": 1")]
    public void Parse_CursorMeaningNoMorePages_IsNull(string cursorMember)
    {
        var page = HistoricalPullParser.Parse($$"""{ "data": [], "next": null, {{cursorMember}} }""");

        Assert.Null(page.NextCursor);
        Assert.True(page.IsLastPage);
        Assert.Empty(page.Users);
    }

    [Theory]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>")]
    [InlineData("{\"data\": [ {\"user_id\": \"x\", ")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"detail\": \"Not authenticated\"}")]
    [InlineData("{\"data\": {\"user_id\": \"x\"}}")]
    [InlineData("{\"data\": [{\"user_id\": \"x\", \"provider\": [1,2]}]}")]
    public void Parse_BodyThatIsNotTheContract_ThrowsMalformedResponse(string body)
    {
        var error = Assert.Throws<VitalApiException>(() => HistoricalPullParser.Parse(body));

        Assert.Equal(VitalErrorKind.MalformedResponse, error.Kind);
        Assert.DoesNotContain(body.Length > 0 ? body : "\u0001", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2023-10-24T13:52:51+00:00", "2023-10-24T13:52:51.0000000+00:00")]
    [InlineData("2023-10-24T13:52:51Z", "2023-10-24T13:52:51.0000000+00:00")]
    [InlineData("2023-10-24T15:52:51+02:00", "2023-10-24T13:52:51.0000000+00:00")]
    [InlineData("2023-10-24T13:52:51.123456+00:00", "2023-10-24T13:52:51.1234560+00:00")]
    [InlineData("2023-10-24T13:52:51", "2023-10-24T13:52:51.0000000+00:00")]
    public void ParseTimestamp_EveryIsoVariant_IsReadAsUtc(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), HistoricalPullParser.ParseTimestamp(text));
        Assert.Equal(TimeSpan.Zero, HistoricalPullParser.ParseTimestamp(text)!.Value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("None")]
    [InlineData("yesterday")]
    public void ParseTimestamp_MissingOrUnreadable_IsNull(string? text) =>
        Assert.Null(HistoricalPullParser.ParseTimestamp(text));
}
