using System.Data.Common;

namespace Dashboard.Store;

/// <summary>A stored payload being read from the database (<see cref="StoreContext.OpenTeamStatePayloadAsync"/>): its stream, and the command and result it comes from.</summary>
internal sealed class StoredPayload(DbCommand command, DbDataReader reader, Stream stream) : IAsyncDisposable
{
    public Stream Stream { get; } = stream;

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        await reader.DisposeAsync().ConfigureAwait(false);
        await command.DisposeAsync().ConfigureAwait(false);
    }
}
