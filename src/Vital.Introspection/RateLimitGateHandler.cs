namespace Vital.Introspection;

/// <summary>Puts the process-wide <see cref="RateLimitGate"/> in front of each attempt.</summary>
internal sealed class RateLimitGateHandler(RateLimitGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        gate.Observe(response);
        return response;
    }
}
