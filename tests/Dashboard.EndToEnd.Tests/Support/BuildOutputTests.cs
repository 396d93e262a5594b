namespace Dashboard.EndToEnd.Tests.Support;

public sealed class BuildOutputTests
{
    [Theory]
    [InlineData("Dashboard.Web.dll")]
    [InlineData("Vital.Simulator.Host.dll")]
    public void TestOutput_HoldsTheApplicationsTheSuiteStarts(string assembly) =>
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, assembly)), $"{assembly} is missing from {AppContext.BaseDirectory}");

    [Fact]
    public void RepositoryRoot_IsTheFolderWithTheSolutionAndDockerfileContext() =>
        Assert.True(File.Exists(Path.Combine(Requirement.RepositoryRoot, "Dashboard.sln")));
}
