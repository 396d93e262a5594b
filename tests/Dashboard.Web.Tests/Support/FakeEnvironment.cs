using Dashboard.Web.Hosting;

namespace Dashboard.Web.Tests.Support;

/// <summary>How the dashboard runs, as the layout's banners see it.</summary>
internal sealed class FakeEnvironment : IDashboardEnvironment
{
    public bool IsDemo { get; set; }

    public bool IsAnonymousLive { get; set; }

    public string UpstreamHost { get; set; } = "api.us.junction.com";
}
