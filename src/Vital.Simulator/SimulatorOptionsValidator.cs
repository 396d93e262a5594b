using System.Globalization;
using Microsoft.Extensions.Options;

namespace Vital.Simulator;

/// <summary>Checks <see cref="SimulatorOptions"/> at start; every message names its configuration key.</summary>
public sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public const int MaxUsers = 1_000_000;

    /// <summary>Ten minutes: longer delays would only hang tests.</summary>
    public const int MaxDelayMs = 600_000;

    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = GetProblems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IReadOnlyList<string> GetProblems(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.Users is < 0 or > MaxUsers)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{SimulatorOptions.SectionName}:Users must be between 0 and {MaxUsers}"));
        }

        if (options.Faults is null)
        {
            problems.Add($"{SimulatorOptions.SectionName}:Faults must not be null");
        }
        else
        {
            problems.AddRange(GetProblems(options.Faults, $"{SimulatorOptions.SectionName}:Faults"));
        }

        return problems;
    }

    public static IReadOnlyList<string> GetProblems(SimulatorFaultOptions faults, string prefix = "Simulator:Faults")
    {
        ArgumentNullException.ThrowIfNull(faults);
        var problems = new List<string>();
        void Delay(int value, string key)
        {
            if (value is < 0 or > MaxDelayMs)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}:{key} must be between 0 and {MaxDelayMs}"));
            }
        }

        void Rate(double value, string key)
        {
            if (!(value is >= 0 and <= 1))
            {
                problems.Add($"{prefix}:{key} must be between 0 and 1");
            }
        }

        Delay(faults.LatencyMs, nameof(faults.LatencyMs));
        Delay(faults.SlowResponseMs, nameof(faults.SlowResponseMs));
        Rate(faults.ServerErrorRate, nameof(faults.ServerErrorRate));
        Rate(faults.UnavailableRate, nameof(faults.UnavailableRate));
        Rate(faults.RateLimitRate, nameof(faults.RateLimitRate));
        Rate(faults.MalformedRate, nameof(faults.MalformedRate));
        Rate(faults.HtmlErrorRate, nameof(faults.HtmlErrorRate));
        Rate(faults.DisconnectRate, nameof(faults.DisconnectRate));
        Rate(faults.SlowRate, nameof(faults.SlowRate));
        if (faults.RetryAfterSeconds is < 0 or > 3600)
        {
            problems.Add($"{prefix}:RetryAfterSeconds must be between 0 and 3600");
        }

        if (faults.Endpoints is null)
        {
            problems.Add($"{prefix}:Endpoints must not be null (leave it empty for every endpoint)");
        }
        else
        {
            for (var i = 0; i < faults.Endpoints.Length; i++)
            {
                if (!SimulatorEndpoints.All.Contains(faults.Endpoints[i], StringComparer.Ordinal))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{prefix}:Endpoints:{i} '{faults.Endpoints[i]}' must be one of {string.Join(", ", SimulatorEndpoints.All)}"));
                }
            }
        }

        var exclusive = faults.ServerErrorRate + faults.UnavailableRate + faults.RateLimitRate
            + faults.MalformedRate + faults.HtmlErrorRate + faults.DisconnectRate;
        if (exclusive > 1 + 1e-9)
        {
            problems.Add(
                $"{prefix}: ServerErrorRate + UnavailableRate + RateLimitRate + MalformedRate + HtmlErrorRate + DisconnectRate must add up to at most 1");
        }

        return problems;
    }
}
