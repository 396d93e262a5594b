using System.Data.Common;

namespace Dashboard.Store;

/// <summary>
/// A stored payload being read from the database (<see cref="StoreContext.OpenTeamStatePayloadAsync"/>): its stream, and
/// the command and result it comes from (none for SQLite, whose blob is opened by its rowid).
/// </summary>
internal sealed class StoredPayload(DbCommand? command, DbDataReader? reader, Stream stream) : IAsyncDisposable
{
    public Stream Stream { get; } = stream;

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        if (reader is not null)
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }

        if (command is not null)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }
}
