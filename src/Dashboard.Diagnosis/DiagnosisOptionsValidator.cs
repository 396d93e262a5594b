using Microsoft.Extensions.Options;

namespace Dashboard.Diagnosis;

/// <summary>Checks the <c>Diagnosis</c> section at start: one message per problem, each naming its key.</summary>
public sealed class DiagnosisOptionsValidator : IValidateOptions<DiagnosisOptions>
{
    public ValidateOptionsResult Validate(string? name, DiagnosisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var problems = new List<string>();

        if (options.StuckScheduledAfter <= TimeSpan.Zero)
        {
            problems.Add($"{DiagnosisOptions.SectionName}:{nameof(DiagnosisOptions.StuckScheduledAfter)} must be greater than zero, such as 06:00:00 (six hours).");
        }

        if (options.StuckInProgressAfter <= TimeSpan.Zero)
        {
            problems.Add($"{DiagnosisOptions.SectionName}:{nameof(DiagnosisOptions.StuckInProgressAfter)} must be greater than zero, such as 1.00:00:00 (one day).");
        }

        // Written so that NaN fails too: every comparison with NaN is false.
        if (!(options.LowCoverageRatio >= 0 && options.LowCoverageRatio <= 1))
        {
            problems.Add($"{DiagnosisOptions.SectionName}:{nameof(DiagnosisOptions.LowCoverageRatio)} must be between 0 and 1, such as 0.5.");
        }

        if (options.StaleAfter <= TimeSpan.Zero)
        {
            problems.Add($"{DiagnosisOptions.SectionName}:{nameof(DiagnosisOptions.StaleAfter)} must be greater than zero, such as 3.00:00:00 (three days).");
        }

        foreach (var (provider, after) in options.StaleAfterByProvider ?? [])
        {
            if (!IsSlug(provider))
            {
                problems.Add($"{DiagnosisOptions.SectionName}:{nameof(DiagnosisOptions.StaleAfterByProvider)} has a key that is not a provider slug (lower-case letters, digits and underscores, such as garmin).");
            }
            else if (after <= TimeSpan.Zero)
            {
                problems.Add($"{DiagnosisOptions.SectionName}:{nameof(DiagnosisOptions.StaleAfterByProvider)}:{provider} must be greater than zero, such as 2.00:00:00 (two days).");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>How Vital writes a provider slug: lower-case letters, digits and underscores, starting with a letter or digit.</summary>
    private static bool IsSlug(string text) =>
        text.Length is > 0 and <= 64
        && (char.IsAsciiLetterLower(text[0]) || char.IsAsciiDigit(text[0]))
        && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
