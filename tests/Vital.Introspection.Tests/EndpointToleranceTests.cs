namespace Vital.Introspection.Tests;

/// <summary>What real upstreams send besides the examples: new values, nulls, missing keys, numbers as strings.</summary>
public sealed class EndpointToleranceTests
{
    [Fact]
    public void Connections_UnknownStatusAndErrorTypeAndMissingKeys_KeptVerbatim()
    {
        var connections = ConnectionsParser.Parse("""
            { "providers": [
              { "slug": "acme_ring", "status": "suspended", "error_details": { "error_type": "quantum_entanglement_lost" } },
              { "slug": "oura", "status": "connected", "resource_availability": { "sleep": null, "steps": { "status": "unavailable" } } },
              { "name": "no slug" },
              null ] }
            """);

        Assert.Equal(2, connections.Count);
        Assert.Equal("suspended", connections[0].Status.Value);
        Assert.False(connections[0].Status.IsKnown);
        Assert.Equal("quantum_entanglement_lost", connections[0].Error!.Type.Value);
        Assert.Null(connections[0].Error!.ErroredAt);
        Assert.Empty(connections[0].Resources);
        Assert.Equal(AvailabilityStatus.Unavailable, Assert.Single(connections[1].Resources).Value.Status);
        Assert.Empty(connections[1].Resources[new ResourceName("steps")].DeniedRequiredScopes);
    }

    [Fact]
    public void Connections_VeryLongErrorMessage_Shortened()
    {
        var message = new string('x', 5000);

        var connection = Assert.Single(ConnectionsParser.Parse($$"""{ "providers": [ { "slug": "oura", "status": "error", "error_details": { "error_type": "unknown", "error_message": "{{message}}" } } ] }"""));

        Assert.True(connection.Error!.Message!.Length <= 501);
    }

    [Theory]
    [InlineData("""{ "no": "providers" }""")]
    [InlineData("""[]""")]
    [InlineData("""<html>""")]
    public void Connections_NotTheShape_Malformed(string json)
    {
        var error = Assert.Throws<VitalApiException>(() => ConnectionsParser.Parse(json));

        Assert.Equal(VitalErrorKind.MalformedResponse, error.Kind);
    }

    [Fact]
    public void Resources_NumbersAsStringsAndOddTimes_Read()
    {
        var page = ResourcesParser.Parse("""
            { "data": [ { "user_id": "u", "provider": { "oura": { "sleep": {
                "last_attempt": { "timestamp": "2026-12-03T23:45:10.523118", "status": "partial" },
                "newest_data": "None", "oldest_data": "not a time", "sent_count": "12" } } } } ],
              "next_cursor": "None" }
            """);

        var sleep = Assert.Single(page.Users).Providers[ProviderSlug.Oura][ResourceName.Sleep];
        Assert.Equal("partial", sleep.LastAttempt!.Status.Value);
        Assert.Equal(TimeSpan.Zero, sleep.LastAttempt.Timestamp!.Value.Offset);
        Assert.Null(sleep.NewestData);
        Assert.Null(sleep.OldestData);
        Assert.Equal(12, sleep.SentCount);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public void User_BothProviderAndSourceOrNeither_TheProviderWhenNamed()
    {
        var user = UserParser.Parse("""
            { "user_id": "u", "connected_sources": [
              { "provider": { "slug": "oura" }, "source": { "slug": "fitbit" } },
              { "source": { "slug": "garmin" } },
              { "created_on": "2026-01-01T00:00:00Z" } ],
              "ingestion_end": "2026-11-01T00:00:00+00:00" }
            """);

        Assert.Equal(["oura", "garmin"], user.ConnectedSources.Select(s => s.Provider.Value));
        Assert.Equal(new DateOnly(2026, 11, 1), user.IngestionEnd);
    }

    [Fact]
    public void User_WithoutUserId_Malformed()
    {
        Assert.Equal(VitalErrorKind.MalformedResponse, Assert.Throws<VitalApiException>(() => UserParser.Parse("""{ "team_id": "t" }""")).Kind);
    }
}
