using Dashboard.Web.Security;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Web.Tests.History;

public sealed class StoreSecretMaskingTests
{
    [Fact]
    public void Masker_StoreConnectionString_MasksItAndThePasswordAlone()
    {
        const string connection = "Host=db;Database=dashboard;Username=dash;Password=s3cret-pa55word";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Store:ConnectionString"] = connection }).Build();
        var masker = new SecretMasker(configuration);

        Assert.Equal("failed: ***", masker.Apply($"failed: {connection}"));
        Assert.Equal("password authentication failed for ***", masker.Apply("password authentication failed for s3cret-pa55word"));
    }
}
