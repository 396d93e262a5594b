using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Dashboard.Web.Data.Team;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// A team scanner the test drives step by step: each page it sends is handed to the service, and
/// <see cref="SendAsync"/> returns once the service has taken it in (asked for the next page). Each scan reads the
/// steps sent since the previous scan ended.
/// </summary>
internal sealed class FakeTeamScanner : ITeamScanner
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _processed = new(0);
    private readonly SemaphoreSlim _started = new(0);
    private Channel<object> _steps = Channel.CreateUnbounded<object>();
    private int _scans;

    public int ScopeCount { get; set; } = 1;

    public int Scans => Volatile.Read(ref _scans);

    public async IAsyncEnumerable<ScanBatch> ScanAsync(IProgress<ProviderSlug?> scopeDone, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = Volatile.Read(ref _steps).Reader;
        Interlocked.Increment(ref _scans);
        _started.Release();
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            while (reader.TryRead(out var step))
            {
                switch (step)
                {
                    case ScanBatch batch:
                        yield return batch;
                        _processed.Release();
                        break;
                    case ScopeDone done:
                        scopeDone.Report(done.Scope);
                        break;
                    case Exception error:
                        throw error;
                }
            }
        }
    }

    /// <summary>Waits until a scan has started (the service runs it on the thread pool).</summary>
    public async Task WhenStartedAsync()
    {
        Assert.True(await _started.WaitAsync(Patience, TestContext.Current.CancellationToken), "No scan started.");
    }

    /// <summary>Sends one page of users and waits until the service has taken them in.</summary>
    public async Task SendAsync(DateTimeOffset asOf, ProviderSlug? scope = null, params UserHistoricalPulls[] users)
    {
        await Volatile.Read(ref _steps).Writer.WriteAsync(new ScanBatch(users, scope, asOf), TestContext.Current.CancellationToken);
        Assert.True(await _processed.WaitAsync(Patience, TestContext.Current.CancellationToken), "The service did not take the page.");
    }

    /// <summary>Sends the batch a scanner ends with when walks ran out of patience, and waits until the service has taken it.</summary>
    public async Task SendGapsAsync(DateTimeOffset asOf, params ScanGap[] gaps)
    {
        await Volatile.Read(ref _steps).Writer.WriteAsync(ScanBatch.OfGaps(gaps, asOf), TestContext.Current.CancellationToken);
        Assert.True(await _processed.WaitAsync(Patience, TestContext.Current.CancellationToken), "The service did not take the gaps.");
    }

    public void ScopeFinished(ProviderSlug? scope) => Volatile.Read(ref _steps).Writer.TryWrite(new ScopeDone(scope));

    /// <summary>Ends the current scan after the pages sent so far.</summary>
    public void Finish() => Next().Writer.Complete();

    /// <summary>Ends the current scan with an error after the pages sent so far.</summary>
    public void Fail(Exception error)
    {
        var steps = Next();
        steps.Writer.TryWrite(error);
        steps.Writer.Complete();
    }

    private Channel<object> Next() => Interlocked.Exchange(ref _steps, Channel.CreateUnbounded<object>());

    private sealed record ScopeDone(ProviderSlug? Scope);
}
