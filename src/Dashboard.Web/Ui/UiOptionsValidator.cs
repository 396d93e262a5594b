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
        return options.AutoRefreshSeconds is >= MinAutoRefreshSeconds and <= MaxAutoRefreshSeconds
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{UiOptions.SectionName}:{nameof(UiOptions.AutoRefreshSeconds)} must be between {MinAutoRefreshSeconds} and {MaxAutoRefreshSeconds}, such as 30.");
    }
}
