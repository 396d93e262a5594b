using Microsoft.Extensions.Options;

namespace Dashboard.Web.Connections;

/// <summary>Every problem with the <c>Sweep</c> section, naming its key.</summary>
internal sealed class SweepOptionsValidator : IValidateOptions<SweepOptions>
{
    public ValidateOptionsResult Validate(string? name, SweepOptions options) =>
        options.RequestsPerSecond is >= 0 and <= SweepOptions.MaxRequestsPerSecond
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Sweep:RequestsPerSecond must be between 0 (no sweep) and {SweepOptions.MaxRequestsPerSecond}.");
}
