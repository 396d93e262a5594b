using Vital.Introspection;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// A scanner's "provider done" reports, handed on at once on the walk's own thread and one at a time
/// (<see cref="Progress{T}"/> would post them later, on the thread pool).
/// </summary>
internal sealed class ScopeReports(Action<ProviderSlug?> report) : IProgress<ProviderSlug?>
{
    private readonly Lock _gate = new();

    public void Report(ProviderSlug? value)
    {
        lock (_gate)
        {
            report(value);
        }
    }
}
