namespace Dashboard.Web.Tests.Support;

/// <summary>A class fixture: one real host (see <see cref="DashboardFactory"/>) and one client for a test class.</summary>
public abstract class DashboardFixture : IAsyncDisposable
{
    protected DashboardFixture(IDictionary<string, string?> settings, HttpMessageHandler? upstream = null)
    {
        // A test class makes more requests than a person would; the per-client limit is not under test here.
        var all = new Dictionary<string, string?> { ["Api:RequestsPerMinute"] = "100000" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        Factory = new DashboardFactory(all, upstream);
        Client = Factory.CreateClient();
    }

    public DashboardFactory Factory { get; }

    public HttpClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
