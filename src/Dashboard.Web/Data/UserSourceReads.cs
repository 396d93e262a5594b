using Dashboard.Diagnosis;
using Vital.Introspection;

namespace Dashboard.Web.Data;

/// <summary>
/// The four reads of one user's diagnosis, started together: each finishes on its own, so a page can show a section as
/// soon as its source is in. A source other than the historical pulls never fails: trouble reading it is
/// <see cref="SourceState.Unavailable"/> in words. The pulls' task throws <see cref="VitalApiException"/> on trouble.
/// </summary>
public sealed record UserSourceReads(
    string UserId,
    Task<SourceRead<VitalUser>> User,
    Task<SourceRead<IReadOnlyList<ProviderConnection>>> Connections,
    Task<Fetched<UserHistoricalPulls>> Pulls,
    Task<SourceRead<UserResources>> Resources)
{
    /// <summary>
    /// Every source as it stands now: a read still running is <see cref="SourceState.NotRead"/>, or what
    /// <paramref name="before"/> held for it (a refresh keeps showing the last answer until the new one is in).
    /// </summary>
    public UserSources Sources(UserSources? before = null) => new()
    {
        UserId = UserId,
        User = Done(User) ?? before?.User ?? SourceRead<VitalUser>.NotRead,
        Connections = Done(Connections) ?? before?.Connections ?? SourceRead<IReadOnlyList<ProviderConnection>>.NotRead,
        Pulls = Pulls.IsCompletedSuccessfully ? SourceRead<UserHistoricalPulls>.Ok(Pulls.Result.Value) : before?.Pulls ?? SourceRead<UserHistoricalPulls>.NotRead,
        Resources = Done(Resources) ?? before?.Resources ?? SourceRead<UserResources>.NotRead,
    };

    /// <summary>Every read, finished (the pulls' own trouble included).</summary>
    public Task WhenAll() => Task.WhenAll(User, Connections, Pulls.ContinueWith(static _ => { }, TaskScheduler.Default), Resources);

    private static SourceRead<T>? Done<T>(Task<SourceRead<T>> read)
        where T : class => read.IsCompletedSuccessfully ? read.Result : null;
}
