using Dashboard.Store.Hosting;
using Dashboard.Store.Tests.Support;
using Npgsql;

namespace Dashboard.Store.Tests.Hosting;

/// <summary>The scan lock on a real PostgreSQL server: one holder per team, taken over when the holder goes.</summary>
public sealed class PostgresScanLockTests(PostgresServer server) : IAsyncLifetime
{
    private const string Scope = "live:vital:0123456789abcdef";
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    private readonly ScratchDatabase _database = new(server);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _database.CreateAsync();

    public ValueTask DisposeAsync() => _database.DropAsync();

    [Fact]
    public async Task TryHold_TwoReplicas_OnlyTheFirstHoldsAndKeepsIt()
    {
        await using var first = new PostgresScanLock(_database.ConnectionString, Scope, IdleTimeout);
        await using var second = new PostgresScanLock(_database.ConnectionString, Scope, IdleTimeout);

        Assert.True(await first.TryHoldAsync(Ct));
        Assert.False(await second.TryHoldAsync(Ct));
        Assert.True(await first.TryHoldAsync(Ct));
        Assert.False(await second.TryHoldAsync(Ct));
    }

    [Fact]
    public async Task TryHold_HolderDisposed_TheOtherTakesOver()
    {
        var first = new PostgresScanLock(_database.ConnectionString, Scope, IdleTimeout);
        await using var second = new PostgresScanLock(_database.ConnectionString, Scope, IdleTimeout);
        Assert.True(await first.TryHoldAsync(Ct));
        Assert.True(await first.TryHoldAsync(Ct));
        Assert.False(await second.TryHoldAsync(Ct));

        await first.DisposeAsync();

        // Renewed twice, yet let go at once: the holds of one session are given back together with it.
        Assert.True(await second.TryHoldAsync(Ct));
    }

    [Fact]
    public async Task TryHold_HoldersSessionEnded_TheOtherTakesOverAndTheOldHolderFollows()
    {
        await using var first = new PostgresScanLock(_database.ConnectionString, Scope, IdleTimeout);
        await using var second = new PostgresScanLock(_database.ConnectionString, Scope, IdleTimeout);
        Assert.True(await first.TryHoldAsync(Ct));
        var holder = await HolderPidAsync();

        // What the server does when the holder's process dies or its idle session times out.
        await server.ExecuteAsync($"SELECT pg_terminate_backend({holder})");

        Assert.True(await second.TryHoldAsync(Ct));
        Assert.False(await first.TryHoldAsync(Ct));
    }

    [Fact]
    public async Task TryHold_SilentHolder_ItsSessionEndsAfterTheIdleTimeout()
    {
        await using var first = new PostgresScanLock(_database.ConnectionString, Scope, TimeSpan.FromMilliseconds(300));
        await using var second = new PostgresScanLock(_database.ConnectionString, Scope, IdleTimeout);
        Assert.True(await first.TryHoldAsync(Ct));

        // The holder stops renewing (hung, or cut off): the server ends its session, and the lock is free.
        while (!await second.TryHoldAsync(Ct))
        {
            await Task.Delay(100, Ct);
        }

        Assert.False(await first.TryHoldAsync(Ct));
    }

    [Fact]
    public async Task TryHold_AnotherTeam_HasItsOwnLock()
    {
        await using var first = new PostgresScanLock(_database.ConnectionString, Scope, IdleTimeout);
        await using var other = new PostgresScanLock(_database.ConnectionString, "demo:seed=1;users=500", IdleTimeout);

        Assert.True(await first.TryHoldAsync(Ct));
        Assert.True(await other.TryHoldAsync(Ct));
    }

    [Fact]
    public async Task TryHold_HolderWritesHistory_TheScopesWriteLockIsNotBlocked()
    {
        await using var first = new PostgresScanLock(_database.ConnectionString, Scope, IdleTimeout);
        Assert.True(await first.TryHoldAsync(Ct));
        var database = PostgresStoreTests.Open(_database.ConnectionString);
        await new StoreMigrator(database, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<StoreMigrator>.Instance).EnsureMigratedAsync(Ct);

        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        await context.LockScopeForWriteAsync(Scope, timeout.Token);
        await transaction.CommitAsync(Ct);
    }

    private async Task<int> HolderPidAsync()
    {
        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = '{_database.Name}')", admin);
        return (int)(await command.ExecuteScalarAsync(Ct))!;
    }
}
