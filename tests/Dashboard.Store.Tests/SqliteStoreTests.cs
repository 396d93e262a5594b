using Dashboard.Store.Tests.Support;

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

    internal override Task<(StoreDatabase Database, StoreDatabase Second, Func<Task> Drop)> CreateOtherDatabaseAsync()
    {
        var other = _folder.File($"other-{Guid.NewGuid():N}.db");
        return Task.FromResult((Open(other), Open(other), (Func<Task>)(() => Task.CompletedTask)));
    }
}
