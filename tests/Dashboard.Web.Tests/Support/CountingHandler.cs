namespace Dashboard.Web.Tests.Support;

/// <summary>An upstream stand-in that counts and records the requests that reach it.</summary>
public sealed class CountingHandler : DelegatingHandler
{
    private readonly Func<HttpRequestMessage, HttpResponseMessage>? _answer;
    private int _calls;

    public CountingHandler(HttpMessageHandler inner) : base(inner)
    {
    }

    public CountingHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) => _answer = answer;

    public int Calls => Volatile.Read(ref _calls);

    public List<HttpRequestMessage> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        lock (Requests)
        {
            Requests.Add(request);
        }

        return _answer is not null ? _answer(request) : await base.SendAsync(request, cancellationToken);
    }
}
