using Microsoft.Extensions.Options;

namespace Dashboard.Web.Ui;

/// <summary>Checks the <c>Ui</c> section at start: one message per problem, each naming its key.</summary>
public sealed class UiOptionsValidator : IValidateOptions<UiOptions>
{
    public const int MinAutoRefreshSeconds = 5;
    public const int MaxAutoRefreshSeconds = 3600;

    public ValidateOptionsResult Validate(string? name, UiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.AutoRefreshSeconds is < MinAutoRefreshSeconds or > MaxAutoRefreshSeconds)
        {
            problems.Add($"{UiOptions.SectionName}:{nameof(UiOptions.AutoRefreshSeconds)} must be between {MinAutoRefreshSeconds} and {MaxAutoRefreshSeconds}, such as 30.");
        }

        if (options.HubConnectionsPerPerson is < 1 or > 1000)
        {
            problems.Add($"{UiOptions.SectionName}:{nameof(UiOptions.HubConnectionsPerPerson)} must be between 1 and 1000, such as 10.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
