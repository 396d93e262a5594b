namespace Vital.Simulator;

/// <summary>
/// The simulated team in process: <c>new HttpClient(new VitalSimulatorHandler(simulator)) { BaseAddress = ... }</c>.
/// Answers exactly what the HTTP host answers for the same request.
/// </summary>
public sealed class VitalSimulatorHandler(VitalSimulator simulator) : HttpMessageHandler
{
    private readonly VitalSimulator _simulator = simulator ?? throw new ArgumentNullException(nameof(simulator));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _simulator.HandleAsync(request, cancellationToken);
}
