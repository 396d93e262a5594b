namespace Dashboard.Store.Tests;

public sealed class StoreOptionsValidatorTests
{
    private static readonly StoreOptionsValidator Validator = new();

    [Fact]
    public void Validate_Defaults_Pass() => Assert.True(Validator.Validate(null, new StoreOptions()).Succeeded);

    [Fact]
    public void Validate_PostgresWithoutConnectionString_NamesTheKey()
    {
        var result = Validator.Validate(null, new StoreOptions { Provider = StoreProvider.Postgres });

        Assert.Contains("Store:ConnectionString is required", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3651)]
    public void Validate_RetentionOutOfRange_NamesTheKey(int days)
    {
        var result = Validator.Validate(null, new StoreOptions { RetentionDays = days });

        Assert.Contains("Store:RetentionDays", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedConnectionString_NamesTheKeyNotTheValue()
    {
        var result = Validator.Validate(null, new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = "Hots=db;Password=s3cret" });

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Store:ConnectionString is not a valid Postgres", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", failure, StringComparison.Ordinal);
    }
}
