namespace Vital.Simulator;

/// <summary>
/// The upstream endpoints the simulator answers, by the names <see cref="SimulatorFaultOptions.Endpoints"/> uses
/// (<c>Simulator:Faults:Endpoints</c>, <c>PUT /_simulator/faults</c>).
/// </summary>
public static class SimulatorEndpoints
{
    /// <summary><c>GET /v2/introspect/historical_pull</c>.</summary>
    public const string HistoricalPull = "historical_pull";

    /// <summary><c>GET /v2/introspect/resources</c>.</summary>
    public const string Resources = "resources";

    /// <summary><c>GET /v2/user/{user_id}</c>.</summary>
    public const string User = "user";

    /// <summary><c>GET /v2/user/resolve/{client_user_id}</c>.</summary>
    public const string Resolve = "resolve";

    /// <summary><c>GET /v2/user/providers/{user_id}</c> (the user's connections).</summary>
    public const string Providers = "providers";

    /// <summary><c>POST /v2/user/refresh/{user_id}</c>.</summary>
    public const string Refresh = "refresh";

    public static IReadOnlyList<string> All { get; } = [HistoricalPull, Resources, User, Resolve, Providers, Refresh];
}
