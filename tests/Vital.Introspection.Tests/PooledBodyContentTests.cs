using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Vital.Introspection.Tests.Support;

namespace Vital.Introspection.Tests;

/// <summary>
/// A 2xx JSON body is read whole into a pooled array (<see cref="PooledBodyContent"/>): the same bytes whatever their
/// size or the pieces they arrive in, and never readable once the response (and with it the array) is given back.
/// </summary>
public sealed class PooledBodyContentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Gives its bytes a few at a time and never says its length, as a chunked answer does.</summary>
    private sealed class TrickleStream(byte[] bytes, int piece) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, piece));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }

    private static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(16 * 1024, false)]
    [InlineData(16 * 1024 + 1, false)]
    [InlineData(300_000, false)]
    [InlineData(300_000, true)]
    [InlineData(5_000_000, false)]
    public async Task ReadAsync_AnyLengthWithOrWithoutItsContentLength_TheSameBytes(int length, bool saysItsLength)
    {
        var bytes = Bytes(length);
        using var source = new StreamContent(new TrickleStream(bytes, 1000));
        source.Headers.ContentLength = saysItsLength ? length : null;

        using var pooled = await PooledBodyContent.ReadAsync(source, Ct);

        Assert.Equal(bytes, pooled.Body.ToArray());
        Assert.Equal(bytes, await pooled.ReadAsByteArrayAsync(Ct));
        Assert.Equal(length, pooled.Headers.ContentLength);
    }

    [Fact]
    public async Task Disposed_TheBodyIsNoLongerReadable()
    {
        using var source = new ByteArrayContent(Bytes(100));
        var pooled = await PooledBodyContent.ReadAsync(source, Ct);

        pooled.Dispose();
        pooled.Dispose();

        Assert.Throws<ObjectDisposedException>(() => pooled.Body.Length);
    }

    [Fact]
    public async Task ALargePageArrivingInSmallPieces_ParsedWhole()
    {
        var users = Enumerable.Range(0, 2000)
            .Select(i => $$"""{ "user_id": "{{Guid.CreateVersion7():D}}", "provider": { "oura": { "pulled": {}, "not_pulled": ["sleep"] } } }""");
        var json = Encoding.UTF8.GetBytes($$"""{ "data": [ {{string.Join(", ", users)}} ], "next_cursor": "c2" }""");
        Assert.True(json.Length > 200_000);
        var stub = new StubHandler().Then(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new TrickleStream(json, 4096)) { Headers = { ContentType = new("application/json") } },
        });
        await using var services = ClientFactory.Build(stub);

        var page = await services.Client().GetPageAsync(new HistoricalPullPageRequest(), Ct);

        Assert.Equal(2000, page.Users.Count);
        Assert.Equal("c2", page.NextCursor);
    }

    [Fact]
    public async Task AWholeBody_KeepsItsContentHeaders_WithTheLengthOfWhatWasRead()
    {
        var json = """{ "data": [], "next_cursor": null }"""u8.ToArray();
        var source = new ByteArrayContent(json);
        source.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        source.Headers.ContentLanguage.Add("en");
        source.Headers.TryAddWithoutValidation("X-Upstream-Note", ["kept", "twice"]);
        source.Headers.TryAddWithoutValidation("Content-Length", "999");
        var stub = new StubHandler().Then(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = source });
        using var invoker = new HttpMessageInvoker(new CompleteBodyHandler { InnerHandler = stub });

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://vital.test/v2/introspect/resources"), Ct);

        Assert.IsType<PooledBodyContent>(response.Content);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal(["en"], response.Content.Headers.ContentLanguage);
        Assert.Equal(["kept", "twice"], response.Content.Headers.GetValues("X-Upstream-Note"));
        Assert.Equal(json.Length, response.Content.Headers.ContentLength);
        Assert.Equal(json, await response.Content.ReadAsByteArrayAsync(Ct));
    }
}
