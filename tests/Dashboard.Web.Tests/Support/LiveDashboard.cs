namespace Dashboard.Web.Tests.Support;

/// <summary>
/// The host in live mode against a <see cref="StubUpstream"/>, with resilience made small
/// (one retry after 10 ms, 200 ms per attempt, 1 s per call, no scan patience) and the circuit breaker out of reach, so each test
/// sees exactly the mapping of one upstream answer.
/// </summary>
public class LiveDashboard : DashboardFixture
{
    /// <summary>Distinctive, so a test can prove it appears nowhere in an answer.</summary>
    public const string ApiKey = "pk_us_ENDPOINTTESTKEY_5a6b7c8d9e0f1a2b3c4d";

    public LiveDashboard()
        : this(new StubUpstream(_ => StubUpstream.Respond(System.Net.HttpStatusCode.OK, UpstreamJson.Page())))
    {
    }

    protected LiveDashboard(StubUpstream upstream, IDictionary<string, string?>? extra = null)
        : base(Settings(extra), upstream) => Upstream = upstream;

    public StubUpstream Upstream { get; }

    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Vital:ApiKey"] = ApiKey,
            ["Vital:BaseUrl"] = "https://upstream.test",
            ["Auth:Mode"] = "None",
            ["Auth:AllowAnonymous"] = "true",
            ["Vital:Resilience:MaxRetryAttempts"] = "1",
            ["Vital:Resilience:BaseDelay"] = "00:00:00.010",
            ["Vital:Resilience:AttemptTimeout"] = "00:00:00.2",
            ["Vital:Resilience:TotalTimeout"] = "00:00:01",
            ["Vital:Resilience:CircuitBreakerMinimumThroughput"] = "100000",
            // A team scan gives up on a page at its first failure after the retries (no resuming): one answer, one mapping.
            ["Vital:ScanPatience"] = "00:00:00",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
