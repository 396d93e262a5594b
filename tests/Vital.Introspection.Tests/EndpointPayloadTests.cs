using System.Net;
using Vital.Introspection.Tests.Support;

namespace Vital.Introspection.Tests;

/// <summary>
/// Every payload in <c>../shared/vital/endpoints</c> (the spec's own examples and ones written from its schema) parses
/// with its endpoint's reader, quirks included.
/// </summary>
public sealed class EndpointPayloadTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var name in new[]
        {
            "introspect-resources.official.json", "introspect-resources.written.json", "user-providers.written.json",
            "user-refresh-400.official.json", "user-refresh.official.json", "user.official.json",
        })
        {
            data.Add(name);
        }

        return data;
    }

    private static string Read(string name) => File.ReadAllText(SharedFolder.PathTo("vital/endpoints/" + name));

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryPayload_ParsesWithItsEndpointsReader(string name)
    {
        var json = Read(name);

        object parsed = name switch
        {
            _ when name.StartsWith("introspect-resources.", StringComparison.Ordinal) => ResourcesParser.Parse(json),
            _ when name.StartsWith("user-providers.", StringComparison.Ordinal) => ConnectionsParser.Parse(json),
            _ when name.StartsWith("user-refresh-400.", StringComparison.Ordinal) => RefreshParser.Parse(json, HttpStatusCode.BadRequest),
            _ when name.StartsWith("user-refresh.", StringComparison.Ordinal) => RefreshParser.Parse(json),
            _ => UserParser.Parse(json),
        };

        Assert.NotNull(parsed);
    }

    [Fact]
    public void User_OfficialExample_SourceInsteadOfProviderStillNamesTheProvider()
    {
        var user = UserParser.Parse(Read("user.official.json"));

        Assert.Equal("56bd81c9-6219-4000-a775-ae85526eba18", user.UserId);
        Assert.Equal("56bd81c9-6219-4000-a775-ae85526eba18", user.TeamId);
        Assert.Equal("ZTEwZjNjMjctOTI2ZS00M2Vm", user.ClientUserId);
        var source = Assert.Single(user.ConnectedSources);
        Assert.Equal(ProviderSlug.Oura, source.Provider);
        Assert.Equal("Oura", source.Name);
        Assert.Equal("Europe/London", user.FallbackTimeZone);
        Assert.Null(user.IngestionStart);
        Assert.Null(user.IngestionEnd);
    }

    [Fact]
    public void Connections_Written_StatusErrorsScopesAndSdkProvidersAsSent()
    {
        var connections = ConnectionsParser.Parse(Read("user-providers.written.json"));

        Assert.Equal(["oura", "fitbit", "apple_health_kit"], connections.Select(c => c.Provider.Value));
        var oura = connections[0];
        Assert.Equal(ConnectionStatus.Connected, oura.Status);
        Assert.Equal(AvailabilityStatus.Unavailable, oura.Resources[ResourceName.Workouts].Status);
        Assert.Equal(["workout"], oura.Resources[ResourceName.Workouts].DeniedRequiredScopes);
        Assert.Equal(["daily"], oura.Resources[ResourceName.Sleep].GrantedRequiredScopes);
        Assert.Empty(oura.Resources[ResourceName.HeartRate].DeniedRequiredScopes);
        var fitbit = connections[1];
        Assert.Equal(ConnectionStatus.Error, fitbit.Status);
        Assert.Equal(ConnectionErrorType.TokenRefreshFailed, fitbit.Error!.Type);
        Assert.Equal("Refresh token has been revoked", fitbit.Error.Message);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 4, 2, 51, TimeSpan.Zero), fitbit.Error.ErroredAt);
        Assert.Null(connections[2].ExternalUserId);
    }

    [Fact]
    public void Resources_OfficialExample_NoNextCursorKeyIsTheLastPage()
    {
        var page = ResourcesParser.Parse(Read("introspect-resources.official.json"));

        Assert.Null(page.NextCursor);
        var user = Assert.Single(page.Users);
        Assert.Equal(string.Empty, user.UserId);
        var activity = user.Providers[ProviderSlug.Fitbit][ResourceName.Activity];
        Assert.Equal(AttemptStatus.Success, activity.LastAttempt!.Status);
        Assert.Equal(new DateTimeOffset(2023, 10, 24, 0, 0, 0, TimeSpan.Zero), activity.NewestData);
        Assert.Equal(231, activity.SentCount);
    }

    [Fact]
    public void Resources_Written_NullAndMissingAttemptsAndEveryTimeFormat()
    {
        var user = Assert.Single(ResourcesParser.Parse(Read("introspect-resources.written.json")).Users);

        var oura = user.Providers[ProviderSlug.Oura];
        Assert.Equal(AttemptStatus.Failure, oura[ResourceName.Workouts].LastAttempt!.Status);
        Assert.Null(oura[ResourceName.Workouts].NewestData);
        Assert.Null(oura[ResourceName.HeartRate].LastAttempt);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 13, 2, 0, TimeSpan.Zero), oura[ResourceName.HeartRate].NewestData);
        Assert.Null(oura[ResourceName.HeartRate].SentCount);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 23, 45, 10, 523, 118, TimeSpan.Zero), oura[ResourceName.Sleep].LastAttempt!.Timestamp);
        Assert.Null(user.Providers[ProviderSlug.AppleHealthKit][ResourceName.Steps].LastAttempt);
    }

    [Fact]
    public void Refresh_Official_SourcesAsSentSomeWithMoreThanTwoParts()
    {
        var result = RefreshParser.Parse(Read("user-refresh.official.json"));

        Assert.True(result.Success);
        Assert.Contains("withings/vitals/blood_pressure", result.Refreshed);
        Assert.Equal(["oura/sleep"], result.Failed);
        Assert.False(result.StillRunning);
    }

    [Fact]
    public void Refresh_Official400_RefusedWithVitalsWords()
    {
        var result = RefreshParser.Parse(Read("user-refresh-400.official.json"), HttpStatusCode.BadRequest);

        Assert.False(result.Success);
        Assert.Equal("user has no connected sources", result.Error);
    }
}
