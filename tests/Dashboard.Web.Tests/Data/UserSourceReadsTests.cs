using Dashboard.Diagnosis;
using Dashboard.Web.Data;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Data;

/// <summary>What a refresh shows of each source: the new answer, or the last good one while Vital cannot be read at all.</summary>
public sealed class UserSourceReadsTests
{
    private const string UserId = "00000000-0000-4000-8000-000000000001";

    private static readonly SourceRead<VitalUser> GoodUser = SourceRead<VitalUser>.Ok(new VitalUser { UserId = UserId, ClientUserId = "cust-1" });

    private static readonly SourceRead<IReadOnlyList<ProviderConnection>> GoodConnections =
        SourceRead<IReadOnlyList<ProviderConnection>>.Ok([new ProviderConnection { Provider = new ProviderSlug("oura"), Status = ConnectionStatus.Connected }]);

    private static UserSources Before() => new()
    {
        UserId = UserId,
        User = GoodUser,
        Connections = GoodConnections,
        Pulls = SourceRead<UserHistoricalPulls>.Unavailable("earlier trouble"),
        Resources = SourceRead<UserResources>.NotRead,
    };

    private static UserSourceReads Reads(bool pullsFail) => new(
        UserId,
        Task.FromResult(SourceRead<VitalUser>.Unavailable("Vital is unavailable")),
        Task.FromResult(SourceRead<IReadOnlyList<ProviderConnection>>.Unavailable("Vital is unavailable")),
        pullsFail
            ? Task.FromException<Fetched<UserHistoricalPulls>>(new VitalApiException(VitalErrorKind.Unavailable, "Vital is unavailable", 503))
            : Task.FromResult(new Fetched<UserHistoricalPulls>(UserHistoricalPulls.Empty(UserId), DateTimeOffset.UnixEpoch)),
        Task.FromResult(SourceRead<UserResources>.Unavailable("Vital is unavailable")));

    [Fact]
    public void Sources_VitalCannotBeReadAtAll_EachSourceKeepsItsLastGoodAnswer()
    {
        var sources = Reads(pullsFail: true).Sources(Before());

        Assert.Equal(GoodUser, sources.User);
        Assert.Equal(GoodConnections, sources.Connections);
        Assert.Equal("earlier trouble", sources.Pulls.Problem);
        // Nothing good to keep: the gap is said.
        Assert.Equal(SourceState.Unavailable, sources.Resources.State);
    }

    [Fact]
    public void Sources_OnlySomeSourcesFail_TheirTroubleIsShownNotHidden()
    {
        var sources = Reads(pullsFail: false).Sources(Before());

        Assert.Equal(SourceState.Unavailable, sources.User.State);
        Assert.Equal(SourceState.Unavailable, sources.Connections.State);
        Assert.True(sources.Pulls.IsOk);
    }

    [Fact]
    public void Sources_ReadsStillRunning_TheLastAnswersStay()
    {
        var running = new UserSourceReads(
            UserId,
            new TaskCompletionSource<SourceRead<VitalUser>>().Task,
            new TaskCompletionSource<SourceRead<IReadOnlyList<ProviderConnection>>>().Task,
            new TaskCompletionSource<Fetched<UserHistoricalPulls>>().Task,
            new TaskCompletionSource<SourceRead<UserResources>>().Task);

        var sources = running.Sources(Before());

        Assert.Equal(GoodUser, sources.User);
        Assert.Equal(SourceState.NotRead, sources.Resources.State);
    }
}
