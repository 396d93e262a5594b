using System.Net;
using System.Text;
using Vital.Introspection.Tests.Support;

namespace Vital.Introspection.Tests;

/// <summary>
/// A 200 whose body arrives cut off or garbled is a transport fault: retried like a 5xx, and reported after the
/// retries as <see cref="VitalErrorKind.MalformedResponse"/> (never as Vital being unavailable or unreachable).
/// </summary>
public sealed class IncompleteBodyTests
{
    private const string Page = """{ "data": [ { "user_id": "7aec8422-8174-4464-a4b2-b04c5939be0d", "provider": {} } ], "next_cursor": null }""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(60)]
    [InlineData(1)]
    public async Task TruncatedBody_ThenAWholeOne_IsRetriedTransparently(int keep)
    {
        var stub = new StubHandler().ThenJson(Page[..keep]).ThenJson(Page);
        await using var services = ClientFactory.Build(stub);

        var page = await services.Client().GetPageAsync(new HistoricalPullPageRequest(), Ct);

        Assert.Single(page.Users);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task BodyBrokenOffMidway_ThenAWholeOne_IsRetriedTransparently()
    {
        var stub = new StubHandler()
            .Then(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream(Encoding.UTF8.GetBytes(Page[..40]))) })
            .ThenJson(Page);
        await using var services = ClientFactory.Build(stub);

        var page = await services.Client().GetPageAsync(new HistoricalPullPageRequest(), Ct);

        Assert.Single(page.Users);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task TruncatedBody_EveryAttempt_IsMalformedResponseAfterTheConfiguredAttempts()
    {
        var stub = new StubHandler().ThenJson(Page[..60]);
        await using var services = ClientFactory.Build(stub, new Dictionary<string, string?> { ["Vital:Resilience:MaxRetryAttempts"] = "2" });

        var error = await Assert.ThrowsAsync<VitalApiException>(() => services.Client().GetPageAsync(new HistoricalPullPageRequest(), Ct));

        Assert.Equal(VitalErrorKind.MalformedResponse, error.Kind);
        Assert.IsType<IncompleteBodyException>(error.InnerException);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Theory]
    [InlineData("""{ "data": {"user_id": "x"} }""")]
    [InlineData("[]")]
    public async Task WholeJsonOfTheWrongShape_IsNotRetried(string body)
    {
        var stub = new StubHandler().ThenJson(body);
        await using var services = ClientFactory.Build(stub);

        var error = await Assert.ThrowsAsync<VitalApiException>(() => services.Client().GetPageAsync(new HistoricalPullPageRequest(), Ct));

        Assert.Equal(VitalErrorKind.MalformedResponse, error.Kind);
        Assert.IsNotType<IncompleteBodyException>(error.InnerException);
        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData("""{"a": [1, 2, {"b": null}]}""", true)]
    [InlineData("  []  ", true)]
    [InlineData("""{"a": [1, 2, {"b": nu""", false)]
    [InlineData("""{"a": 1}{""", false)]
    [InlineData("""{"a": 1""", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("<html>", false)]
    public void IsCompleteJson_Body_IsJudgedBySyntaxAlone(string body, bool complete) =>
        Assert.Equal(complete, CompleteBodyHandler.IsCompleteJson(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void IsCompleteJson_AfterAByteOrderMark_JudgedByTheJson()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        Assert.True(CompleteBodyHandler.IsCompleteJson([.. bom, .. "{\"data\": []}"u8]));
        Assert.False(CompleteBodyHandler.IsCompleteJson([.. bom, .. "{\"data\": ["u8]));
        Assert.False(CompleteBodyHandler.IsCompleteJson(bom));
    }

    [Fact]
    public async Task PageAfterAByteOrderMark_ReadOnceNotCalledGarbled()
    {
        var stub = new StubHandler().Then(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. """{"data": [], "next_cursor": null}"""u8])
            {
                Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") },
            },
        });
        await using var services = ClientFactory.Build(stub);

        var page = await services.Client().GetPageAsync(new HistoricalPullPageRequest(), Ct);

        Assert.Empty(page.Users);
        Assert.Single(stub.Requests);
    }

    /// <summary>A body that gives some bytes, then fails as a dropped connection does.</summary>
    private sealed class BreakingStream(byte[] first) : MemoryStream(first)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("The response ended prematurely.");
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("The response ended prematurely.");
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
