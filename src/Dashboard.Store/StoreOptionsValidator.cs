using Microsoft.Extensions.Options;

namespace Dashboard.Store;

/// <summary>Every problem of the <c>Store</c> section, each naming its key and never a value (the connection string is a secret).</summary>
internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public const int MaxRetentionDays = 3650;

    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            problems.Add("Store:Provider must be Sqlite or Postgres.");
        }

        if (options.Provider == StoreProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add("Store:ConnectionString is required when Store:Provider is Postgres (from the environment or /run/secrets/Store__ConnectionString).");
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString) && StoreConnection.TryParse(options.Provider, options.ConnectionString) is null)
        {
            problems.Add($"Store:ConnectionString is not a valid {options.Provider} connection string.");
        }

        if (options.RetentionDays is < 1 or > MaxRetentionDays)
        {
            problems.Add($"Store:RetentionDays must be between 1 and {MaxRetentionDays}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
