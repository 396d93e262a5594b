using Dashboard.Store.State;
using static Dashboard.Store.Tests.Support.TestStates;

namespace Dashboard.Store.Tests.State;

public sealed class TeamStateSerializerTests
{
    [Fact]
    public void Serialize_ThenDeserialize_SameState()
    {
        var pull = Pull("oura", "sleep", "failure") with
        {
            ErrorDetails = "provider_credential_error",
            Release = "0.0.0-dev.cd0e262",
            StartedAt = T0.AddHours(-1),
            EndedAt = T0,
            RangeStart = T0.AddDays(-180),
            RangeEnd = T0,
        };
        var user = User("u1", [pull], [Failed("oura", "sleep")], [new ConnectionState("oura", "error")]) with
        {
            NotPulled = [new NotPulledState("oura", ["blood_oxygen", "hrv"])],
            Ongoing = [new FreshnessState { Provider = "oura", Resource = "sleep", NewestData = T0.AddDays(-4), LastAttemptStatus = "failure", SentCount = 3 }],
        };
        var state = Team(T0, user, User("u2"));

        var back = TeamStateSerializer.Deserialize(TeamStateSerializer.Serialize(state), TeamStateSerializer.Format);

        Assert.NotNull(back);
        Assert.Equal(state.CompletedAt, back.CompletedAt);
        Assert.Equal(2, back.Users.Count);
        var read = back.Users[0];
        Assert.Equal(pull, Assert.Single(read.Pulls));
        Assert.Equal(user.Findings, read.Findings);
        Assert.Equal(user.Connections, read.Connections);
        Assert.Equal(["blood_oxygen", "hrv"], Assert.Single(read.NotPulled).Resources);
        Assert.Equal(user.Ongoing[0], Assert.Single(read.Ongoing!));
        Assert.Null(back.Users[1].Connections);
        Assert.Empty(back.Users[1].Pulls);
    }

    [Fact]
    public void Deserialize_PayloadAnOlderVersionStoredAsJson_SameState()
    {
        var pull = Pull("oura", "sleep", "failure") with { ErrorDetails = "provider_credential_error", EndedAt = T0 };
        var state = Team(T0, User("u1", [pull], [Failed("oura", "sleep")], [new ConnectionState("oura", "error")]), User("u2"));

        var back = TeamStateSerializer.Deserialize(TeamStateSerializer.SerializeJson(state), TeamStateSerializer.JsonFormat);

        Assert.NotNull(back);
        Assert.Equal(pull, Assert.Single(back.Users[0].Pulls));
        Assert.Equal(state.Users[0].Findings, back.Users[0].Findings);
        Assert.Equal(state.Users[0].Connections, back.Users[0].Connections);
        Assert.Equal("u2", back.Users[1].UserId);
    }

    [Fact]
    public void Serialize_ManyUsersSharingNames_EachUserReadBackWithItsOwnValues()
    {
        var offset = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(2));
        var users = Enumerable.Range(0, 300).Select(i => User(
            $"user-{i:D4}",
            [Pull(i % 3 == 0 ? "oura" : "garmin", $"resource-{i % 7}", i % 5 == 0 ? "failure" : "success") with { DaysWithData = i, TraceId = i % 2 == 0 ? null : $"trace {i}", EndedAt = offset.AddMinutes(i) }],
            i % 5 == 0 ? [Failed(i % 3 == 0 ? "oura" : "garmin", $"resource-{i % 7}")] : [],
            i % 4 == 0 ? null : [new ConnectionState("oura", i % 2 == 0 ? "connected" : "paused")]) with
        {
            Ongoing = i % 6 == 0 ? null : [new FreshnessState { Provider = "oura", Resource = $"resource-{i % 7}", OldestData = T0.AddDays(-i), SentCount = i % 2 == 0 ? null : -i }],
        }).ToArray();

        var back = TeamStateSerializer.Deserialize(TeamStateSerializer.Serialize(Team(T0, users)), TeamStateSerializer.Format)!;

        Assert.Equal(users.Length, back.Users.Count);
        foreach (var (expected, read) in users.Zip(back.Users))
        {
            Assert.Equal(expected.UserId, read.UserId);
            Assert.Equal(expected.AsOf, read.AsOf);
            Assert.Equal(expected.Providers, read.Providers);
            Assert.Equal(expected.Pulls, read.Pulls);
            Assert.Equal(expected.Findings, read.Findings);
            Assert.Equal(expected.Connections, read.Connections);
            Assert.Equal(expected.Ongoing, read.Ongoing);
        }

        // Times come back as the same instants, in UTC.
        Assert.Equal(TimeSpan.Zero, back.Users[1].Pulls[0].EndedAt!.Value.Offset);
    }

    [Theory]
    [InlineData("cut short")]
    [InlineData("not gzip")]
    [InlineData("a count of billions")]
    public void Deserialize_DamagedPayload_FailsWithInvalidDataNeverAllocatesWhatItSays(string damage)
    {
        var whole = TeamStateSerializer.Serialize(Team(T0, User("u1", [Pull("oura", "sleep", "success")]), User("u2")));
        var payload = damage switch
        {
            "cut short" => whole[..(whole.Length / 2)],
            "not gzip" => [.. Enumerable.Range(0, 200).Select(i => (byte)(i * 37))],
            _ => Gzip([.. BitConverter.GetBytes(T0.UtcTicks), 0xFF, 0xFF, 0xFF, 0xFF, 0x07]),
        };

        var ex = Record.Exception(() => TeamStateSerializer.Deserialize(payload, TeamStateSerializer.Format));

        Assert.True(ex is InvalidDataException or EndOfStreamException, ex?.ToString() ?? "no exception");

        static byte[] Gzip(byte[] raw)
        {
            using var buffer = new MemoryStream();
            using (var zip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                zip.Write(raw);
            }

            return buffer.ToArray();
        }
    }

    [Fact]
    public void Deserialize_OtherFormat_Null()
    {
        var payload = TeamStateSerializer.Serialize(Team(T0, User("u1")));

        Assert.Null(TeamStateSerializer.Deserialize(payload, TeamStateSerializer.Format + 1));
    }

    [Fact]
    public void Serialize_ThousandUsers_AboutTwentyBytesAPull()
    {
        var users = Enumerable.Range(0, 1000)
            .Select(i => User($"user-{i:D6}", [Pull("oura", "sleep", "success"), Pull("oura", "workouts", "failure"), Pull("garmin", "activity", "success")], [Failed("oura", "workouts")]))
            .ToArray();

        var payload = TeamStateSerializer.Serialize(Team(T0, users));

        Assert.InRange(payload.Length / 3000.0, 1, 40);
    }
}
