using System.Collections.Concurrent;
using Dashboard.Store.Connections;
using Dashboard.Web.Connections;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Team;
using Dashboard.Web.History;
using Dashboard.Web.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vital.Introspection;
using Vital.Simulator;

namespace Dashboard.Web.Tests.Connections;

/// <summary>
/// A connection sweep over fakes on a fake clock: a team of users, an upstream that answers (or fails) as a test says and
/// notes when each user was asked, and a store in memory (or failing).
/// </summary>
internal sealed class SweepHarness : IAsyncDisposable
{
    public SweepHarness(int users, double requestsPerSecond = 2, IConnectionReadingStore? store = null, IScanLease? lease = null)
    {
        Snapshots.Current = TestSnapshots.Complete([.. Enumerable.Range(1, users).Select(i => (UserHistoricalPulls)TestPulls.User(i).Pull("oura", "sleep", "success"))]);
        Upstream.Time = Time;
        Store = store ?? new MemoryReadingStore();
        Options = Microsoft.Extensions.Options.Options.Create(new SweepOptions { RequestsPerSecond = requestsPerSecond });
        Status = new SweepStatus(Options, Order);
        Sweep = new ConnectionSweep(
            Snapshots, Upstream, Store, Readings, Status, Order,
            new TeamScope(Microsoft.Extensions.Options.Options.Create(new VitalOptions()), Microsoft.Extensions.Options.Options.Create(new SimulatorOptions())),
            Time, NullLogger<ConnectionSweep>.Instance, lease: lease);
    }

    public FakeTimeProvider Time { get; } = new(TestPulls.Now);

    public FakeTeamSnapshots Snapshots { get; } = new();

    public FakeConnectionsUpstream Upstream { get; } = new();

    public IConnectionReadingStore Store { get; }

    public ConnectionReadings Readings { get; } = new();

    public SweepOrder Order { get; } = new();

    public IOptions<SweepOptions> Options { get; }

    public SweepStatus Status { get; }

    public ConnectionSweep Sweep { get; }

    /// <summary>
    /// Starts the sweep and waits (in real time) for its first read, made at the fake clock's start, or for it to end
    /// (when off), or for <paramref name="begun"/> when given: the sweep runs on a thread of its own, and the clock must
    /// not move before it has begun.
    /// </summary>
    public async Task StartAsync(Func<bool>? begun = null)
    {
        await Sweep.StartAsync(CancellationToken.None);
        var give = DateTime.UtcNow.AddMinutes(1);
        begun ??= () => Upstream.Calls.Count > 0;
        while (!begun() && !Sweep.ExecuteTask!.IsCompleted && DateTime.UtcNow < give)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Moves the fake clock forward <paramref name="step"/> at a time, letting the sweep run between steps, until
    /// <paramref name="done"/> holds (or a minute of real time passes: then the test fails on its own assertions).
    /// </summary>
    public async Task AdvanceUntilAsync(Func<bool> done, TimeSpan step)
    {
        var give = DateTime.UtcNow.AddMinutes(1);
        while (!done() && DateTime.UtcNow < give)
        {
            // The sweep may be between a read and its next wait: let it get there before the clock moves.
            await Task.Delay(5, TestContext.Current.CancellationToken);
            Time.Advance(step);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Sweep.StopAsync(CancellationToken.None);
        Sweep.Dispose();
    }
}

/// <summary>The upstream's connections endpoint, faked: who was asked when, and failures on demand.</summary>
internal sealed class FakeConnectionsUpstream : IVitalRepository
{
    private readonly ConcurrentQueue<(string UserId, DateTimeOffset At)> _calls = new();

    /// <summary>The next reads that fail (then the rest succeed).</summary>
    public int FailNext { get; set; }

    /// <summary>Users Vital refuses (422).</summary>
    public HashSet<string> Refused { get; } = [];

    public TimeProvider Time { get; set; } = TimeProvider.System;

    public IReadOnlyList<(string UserId, DateTimeOffset At)> Calls => [.. _calls];

    public Task<Fetched<IReadOnlyList<ProviderConnection>?>> GetConnectionsAsync(string userId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default)
    {
        var now = Time.GetUtcNow();
        _calls.Enqueue((userId, now));
        if (FailNext > 0)
        {
            FailNext--;
            throw new VitalApiException(VitalErrorKind.Unavailable, "Vital is unavailable (503).", 503);
        }

        if (Refused.Contains(userId))
        {
            throw new VitalApiException(VitalErrorKind.Validation, "Vital rejected the request (422).", 422);
        }

        // Every third user's Oura connection is broken.
        var broken = userId.EndsWith('3') || userId.EndsWith('6') || userId.EndsWith('9');
        IReadOnlyList<ProviderConnection> connections =
        [
            new ProviderConnection
            {
                Provider = new ProviderSlug("oura"),
                Status = broken ? ConnectionStatus.Error : ConnectionStatus.Connected,
                Error = broken ? new ConnectionError { Type = new ConnectionErrorType("token_refresh_failed") } : null,
            },
        ];
        return Task.FromResult(new Fetched<IReadOnlyList<ProviderConnection>?>(connections, now));
    }

    public Task<Fetched<UserHistoricalPulls>> GetPullsAsync(string userId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Fetched<VitalUser?>> GetProfileAsync(string userId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Fetched<VitalUser?>> ResolveAsync(string clientUserId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Fetched<UserResources>> GetResourcesAsync(string userId, TimeSpan? maxAge = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task ForgetUserAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Fetched<HistoricalPullPage>> GetPageAsync(HistoricalPullPageRequest request, bool refresh = false, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

/// <summary>A scan lease whose role a test sets.</summary>
internal sealed class FakeScanLease(ScanRole role) : IScanLease
{
    public ScanRole Role { get; set; } = role;
}

/// <summary>The store in memory, as the database would keep it; <see cref="Down"/> makes every call fail.</summary>
internal sealed class MemoryReadingStore : IConnectionReadingStore
{
    private readonly ConcurrentDictionary<string, UserConnections> _users = new(StringComparer.Ordinal);

    public SweepCursor? Cursor { get; set; }

    public bool Down { get; set; }

    public int Saves { get; private set; }

    public IReadOnlyDictionary<string, UserConnections> Users => _users;

    public void Seed(UserConnections reading) => _users[reading.UserId] = reading;

    public Task<StoredSweep> LoadAsync(string scope, CancellationToken cancellationToken) => LoadSinceAsync(scope, null, cancellationToken);

    public Task<StoredSweep> LoadSinceAsync(string scope, DateTimeOffset? readSince, CancellationToken cancellationToken) =>
        Down ? throw new InvalidOperationException("database is down")
            : Task.FromResult(new StoredSweep(Cursor, [.. _users.Values.Where(u => readSince is null || u.ReadAt >= readSince)]));

    public Task SaveAsync(string scope, UserConnections reading, SweepCursor cursor, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new InvalidOperationException("database is down");
        }

        _users[reading.UserId] = reading;
        Cursor = cursor;
        Saves++;
        return Task.CompletedTask;
    }

    public int Forgets { get; private set; }

    public Task<int> ForgetDepartedAsync(string scope, Func<string, bool> inTeam, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new InvalidOperationException("database is down");
        }

        var departed = _users.Keys.Where(id => !inTeam(id)).ToList();
        foreach (var id in departed)
        {
            _users.TryRemove(id, out _);
        }

        Forgets++;
        return Task.FromResult(departed.Count);
    }
}
