using System.Buffers;
using System.Net;

namespace Vital.Introspection;

/// <summary>
/// A response body read whole into an array rented from a pool of its own (<see cref="Pool"/>), given back when the
/// response is disposed. A team scan reads thousands of pages of 60–120 kB: read into arrays of their own (as
/// <c>ReadAsByteArrayAsync</c> does), each was a large-object-heap allocation that only a full collection frees, some
/// 75 MB of a 100,000-user scan's peak. The body must not be read after the response is disposed.
/// </summary>
internal sealed class PooledBodyContent : HttpContent
{
    /// <summary>
    /// At most <see cref="ArraysKeptPerSize"/> arrays of each size are kept, up to 4 MiB (a larger body gets an array
    /// of its own). The shared pool keeps up to 32 a size for each core and more for each thread: measured over a
    /// 10,000-user scan, it held 3.5–6.5 MB after it, which the bench counted against the team's bytes per pull.
    /// </summary>
    internal static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(4 * 1024 * 1024, ArraysKeptPerSize);

    /// <summary>As many as the team scan's walks read at once (<c>Vital:ScanConcurrency</c>'s default).</summary>
    internal const int ArraysKeptPerSize = 16;

    private byte[]? _buffer;
    private readonly int _length;

    private PooledBodyContent(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The body as read (valid until this content is disposed).</summary>
    public ReadOnlySpan<byte> Body => Buffer.AsSpan(0, _length);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledBodyContent));

    /// <summary>Reads <paramref name="content"/> to its end into a rented array (the content is left to the caller to dispose).</summary>
    public static async Task<PooledBodyContent> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var expected = content.Headers.ContentLength is { } known && known > 0 && known <= Array.MaxLength ? (int)known : 16 * 1024;
        var buffer = Pool.Rent(expected);
        var length = 0;
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        var larger = Pool.Rent(checked(buffer.Length * 2));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        Pool.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }
            }

            return new PooledBodyContent(buffer, length);
        }
        catch
        {
            Pool.Return(buffer);
            throw;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(Buffer, 0, _length);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(Buffer.AsMemory(0, _length), cancellationToken).AsTask();

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(ReadStream());

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult(ReadStream());

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => ReadStream();

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            Pool.Return(buffer);
        }

        base.Dispose(disposing);
    }

    private Stream ReadStream() => new MemoryStream(Buffer, 0, _length, writable: false);
}
