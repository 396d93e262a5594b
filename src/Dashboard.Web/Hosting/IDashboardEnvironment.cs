namespace Dashboard.Web.Hosting;

/// <summary>What the pages need to know about how this dashboard runs (never the key itself).</summary>
public interface IDashboardEnvironment
{
    /// <summary>The simulated team in process: nothing here is real.</summary>
    bool IsDemo { get; }

    /// <summary>A live key with sign-in switched off on purpose (<c>Auth:AllowAnonymous=true</c>).</summary>
    bool IsAnonymousLive { get; }

    /// <summary>The upstream's host, for messages ("could not reach api.us.junction.com").</summary>
    string UpstreamHost { get; }
}
