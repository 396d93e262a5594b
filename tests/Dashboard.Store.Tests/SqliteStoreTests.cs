using Dashboard.Store.Tests.Support;
using static Dashboard.Store.Tests.Support.TestStates;

namespace Dashboard.Store.Tests;

/// <summary>The store suite on SQLite, in process: a file in a temporary folder per test.</summary>
public sealed class SqliteStoreTests : StoreSuite
{
    private readonly TempFolder _folder = new();

    private string File => _folder.File("dashboard.db");

    /// <summary>No pooling, so a broken file is noticed by the next connection.</summary>
    internal static StoreDatabase Open(string file) =>
        new(StoreConnection.Resolve(new StoreOptions { ConnectionString = $"Data Source={file};Pooling=False" }, Path.GetTempPath()));

    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult(Open(File));

    protected override Task DropDatabaseAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The file moves away and a folder takes its name: SQLite cannot open it.</summary>
    protected override Task BreakAsync()
    {
        System.IO.File.Move(File, File + ".away");
        Directory.CreateDirectory(File);
        return Task.CompletedTask;
    }

    protected override Task RepairAsync()
    {
        Directory.Delete(File);
        System.IO.File.Move(File + ".away", File);
        return Task.CompletedTask;
    }

    internal override StoreDatabase SecondHandle() => Open(File);

    [Fact]
    public async Task StoredPayload_OpenedForTheDiff_SqliteHoldsNoCopyOfTheBlob_ReadsItByteForByte()
    {
        // A result row holding the payload column makes SQLite read the whole blob into memory of its own before the
        // first byte is streamed: at 100,000 users, 88 MB more resident while the diff ran. Only the rowid is selected.
        var cancellationToken = TestContext.Current.CancellationToken;
        var bytes = await StoreRandomPayloadAsync(seed: 7);
        await using var db = Store.Database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var before = SQLitePCL.raw.sqlite3_memory_used();
        await using var payload = await db.OpenTeamStatePayloadAsync("test", cancellationToken);
        var opened = SQLitePCL.raw.sqlite3_memory_used() - before;

        Assert.NotNull(payload);
        Assert.True(opened < bytes.Length / 4, $"SQLite holds {opened:N0} bytes more with a payload of {bytes.Length:N0} open");
        var read = new MemoryStream();
        await payload.Stream.CopyToAsync(read, cancellationToken);
        Assert.True(bytes.AsSpan().SequenceEqual(read.GetBuffer().AsSpan(0, (int)read.Length)), "the payload read differs from the one written");
    }

    [Fact]
    public async Task StoredTeam_LoadedAtARestart_StreamedOffTheDatabase_SqliteNeverCopiesThePayload()
    {
        // Loaded as the row's byte array, the payload was copied whole by SQLite while the query ran, then held as one
        // managed array while a restart read its users. Its users are now read off the open blob as they are enumerated
        // (a payload this random is never read here: only its opening is measured).
        var cancellationToken = TestContext.Current.CancellationToken;
        var bytes = await StoreRandomPayloadAsync(seed: 11);

        SQLitePCL.raw.sqlite3_memory_highwater(1);
        var before = SQLitePCL.raw.sqlite3_memory_used();
        await using var stored = await Store.Reader.LoadLatestStateAsync("test", cancellationToken);
        var peak = SQLitePCL.raw.sqlite3_memory_highwater(0) - before;

        Assert.NotNull(stored);
        Assert.Equal(T0, stored.CompletedAt);
        Assert.True(peak < bytes.Length / 4, $"SQLite's memory rose by {peak:N0} bytes loading a payload of {bytes.Length:N0}");
    }

    /// <summary>A stored team whose payload is then replaced by 24 MB of random bytes (as large as it is incompressible); returns them.</summary>
    private async Task<byte[]> StoreRandomPayloadAsync(int seed)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await Store.WriteAsync(Team(T0, User("u1", [Pull("oura", "sleep", "success")])));
        var bytes = new byte[24 << 20];
        new Random(seed).NextBytes(bytes);
        await using var db = Store.Database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.WriteTeamStatePayloadAsync("test", new MemoryStream(bytes), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return bytes;
    }

    internal override Task<(StoreDatabase Database, StoreDatabase Second, Func<Task> Drop)> CreateOtherDatabaseAsync()
    {
        var other = _folder.File($"other-{Guid.NewGuid():N}.db");
        return Task.FromResult((Open(other), Open(other), (Func<Task>)(() => Task.CompletedTask)));
    }
}
