namespace Dashboard.Web.Tests.Security;

/// <summary>Packages pulled in only transitively are pinned where the floor they would get is old.</summary>
public sealed class DependencyTests
{
    [Fact]
    public void StackExchangeRedis_IsACurrentRelease_NotTheCachePackagesFloor()
    {
        // The assembly version stays 2.0.0.0 across releases; the file version says which release this is.
        var attribute = (System.Reflection.AssemblyFileVersionAttribute)Attribute.GetCustomAttribute(
            typeof(StackExchange.Redis.ConnectionMultiplexer).Assembly, typeof(System.Reflection.AssemblyFileVersionAttribute))!;
        var version = Version.Parse(attribute.Version);

        // Microsoft.Extensions.Caching.StackExchangeRedis alone resolves 2.7.27.
        Assert.True(version >= new Version(2, 13), $"StackExchange.Redis {version} is loaded; Directory.Packages.props pins 2.13.23.");
    }
}
