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
    /// <paramref name="before"/> held for it (a refresh keeps showing the last answer until the new one is in). When
    /// Vital cannot be read at all (the pulls failed too, and the page says so above everything), a source that could
    /// not be read keeps its last good answer rather than turn into a gap.
    /// </summary>
    public UserSources Sources(UserSources? before = null)
    {
        var outage = Pulls.IsFaulted;
        return new()
        {
            UserId = UserId,
            User = Kept(Done(User), before?.User, outage) ?? SourceRead<VitalUser>.NotRead,
            Connections = Kept(Done(Connections), before?.Connections, outage) ?? SourceRead<IReadOnlyList<ProviderConnection>>.NotRead,
            Pulls = Pulls.IsCompletedSuccessfully ? SourceRead<UserHistoricalPulls>.Ok(Pulls.Result.Value) : before?.Pulls ?? SourceRead<UserHistoricalPulls>.NotRead,
            Resources = Kept(Done(Resources), before?.Resources, outage) ?? SourceRead<UserResources>.NotRead,
        };
    }

    /// <summary>Every read, finished (the pulls' own trouble included).</summary>
    public Task WhenAll() => Task.WhenAll(User, Connections, Pulls.ContinueWith(static _ => { }, TaskScheduler.Default), Resources);

    private static SourceRead<T>? Done<T>(Task<SourceRead<T>> read)
        where T : class => read.IsCompletedSuccessfully ? read.Result : null;

    private static SourceRead<T>? Kept<T>(SourceRead<T>? now, SourceRead<T>? before, bool outage)
        where T : class => now is not { } read ? before
        : outage && read.State == SourceState.Unavailable && before is { IsOk: true } ? before
        : read;
}
