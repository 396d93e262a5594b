using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Support;

/// <summary>Work done while a fake clock moves on by itself.</summary>
internal static class FakeClock
{
    /// <summary>
    /// Runs <paramref name="work"/> while <paramref name="time"/> moves a second on every few milliseconds. Disposing a
    /// dashboard whose clock is fake needs it: the HTTP resilience pipeline's registry waits for an upstream call still
    /// in flight (a background scan's, its retry delay on that clock) by polling with delays on the same clock, so a
    /// clock that stands still held the test host's disposal for good (seen once in CI, in
    /// <c>OpenIdConnectFlowTests.Session_InUseAllDay_EndsSessionHoursAfterTheSignIn</c>).
    /// </summary>
    public static async Task WhileTickingAsync(FakeTimeProvider time, Func<Task> work)
    {
        using var stop = new CancellationTokenSource();
        var ticking = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                time.Advance(TimeSpan.FromSeconds(1));
                try
                {
                    await Task.Delay(10, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // Done.
                }
            }
        });

        try
        {
            await work();
        }
        finally
        {
            await stop.CancelAsync();
            await ticking;
        }
    }
}
