using Dashboard.Web.Data.Team;

namespace Dashboard.Web.Tests.Support;

/// <summary>A scan lease whose role the test sets.</summary>
internal sealed class FakeScanLease : IScanLease
{
    public ScanRole Role { get; set; } = ScanRole.Single;
}
