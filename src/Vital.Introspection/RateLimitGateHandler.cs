namespace Vital.Introspection;

/// <summary>
/// Puts the process-wide <see cref="RateLimitGate"/> in front of each attempt. Only reads start a pause: a 429 to the
/// manual refresh (the one write) is Vital's allowance for that user's refreshes, not the team's rate limit, and must
/// not hold back the team scan or anyone else's reads.
/// </summary>
internal sealed class RateLimitGateHandler(RateLimitGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Method == HttpMethod.Get)
        {
            gate.Observe(response);
        }

        return response;
    }
}
