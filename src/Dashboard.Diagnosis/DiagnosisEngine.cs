using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>
/// Turns one user's historical pulls into a <see cref="UserDiagnosis"/>: findings with what they mean and what to do,
/// per-provider and per-resource views, an overall severity and a headline. Pure and immutable: thresholds are copied
/// at construction, so one instance serves every thread, and the same input and time give the same output.
/// </summary>
public sealed class DiagnosisEngine
{
    private static readonly DiagnosisOptionsValidator Validator = new();

    private readonly TimeProvider _timeProvider;
    private readonly PullRules _rules;

    /// <summary>The constructor the container uses (see <see cref="DiagnosisServiceCollectionExtensions.AddDiagnosis"/>).</summary>
    public DiagnosisEngine(IOptions<DiagnosisOptions> options, TimeProvider timeProvider)
        : this(options?.Value!, timeProvider)
    {
    }

    /// <summary>For tests and benchmarks. Invalid options throw <see cref="OptionsValidationException"/>.</summary>
    public DiagnosisEngine(DiagnosisOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        var result = Validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(DiagnosisOptions), result.Failures);
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
        Thresholds = new PullThresholds(options.StuckScheduledAfter, options.StuckInProgressAfter, options.LowCoverageRatio);
        _rules = new PullRules(Thresholds);
    }

    /// <summary>The limits in force, for the team-wide views (stuck pulls) and a legend.</summary>
    public PullThresholds Thresholds { get; }

    /// <summary>Diagnoses as of now, by the engine's <see cref="TimeProvider"/>.</summary>
    public UserDiagnosis Diagnose(UserHistoricalPulls pulls) => Diagnose(pulls, _timeProvider.GetUtcNow());

    /// <summary>Diagnoses as of <paramref name="asOf"/> (converted to UTC): ages and durations are measured to it.</summary>
    public UserDiagnosis Diagnose(UserHistoricalPulls pulls, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(pulls);
        asOf = asOf.ToUniversalTime();

        var findings = new List<Finding>();
        var providers = new List<ProviderDiagnosis>(pulls.Providers.Count);

        foreach (var (slug, providerPulls) in pulls.Providers.OrderBy(p => p.Key.Value, StringComparer.Ordinal))
        {
            var provider = slug.Value;
            var providerSeverity = Severity.Ok;
            var resources = new List<ResourceDiagnosis>(providerPulls.Pulled.Count);

            foreach (var (resource, pull) in providerPulls.Pulled.OrderBy(r => r.Key.Value, StringComparer.Ordinal))
            {
                var context = new PullContext(pulls.UserId, provider, resource.Value, pull, asOf);
                var pullFindings = _rules.Evaluate(context);
                findings.AddRange(pullFindings);

                var resourceDiagnosis = Describe(context, pullFindings);
                providerSeverity = Max(providerSeverity, resourceDiagnosis.Severity);
                resources.Add(resourceDiagnosis);
            }

            var notPulled = providerPulls.NotPulled
                .Select(r => r.Value)
                .Where(r => r.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (notPulled.Length > 0)
            {
                var finding = PullRules.NotPulled(provider, notPulled);
                findings.Add(finding);
                providerSeverity = Max(providerSeverity, finding.Severity);
            }

            providers.Add(new ProviderDiagnosis
            {
                Provider = provider,
                WorstStatus = StatusRanker.Worst(resources.Select(r => r.Status)),
                Resources = resources,
                NotPulled = notPulled,
                Severity = providerSeverity,
            });
        }

        var pullCount = providers.Sum(p => p.Resources.Count);
        if (pullCount == 0)
        {
            findings.Add(PullRules.NoPullData(providers));
        }

        findings.Sort(FindingOrder.Instance);

        return new UserDiagnosis
        {
            UserId = pulls.UserId,
            AsOf = asOf,
            Overall = findings.Count == 0 ? Severity.Ok : findings.Max(f => f.Severity),
            Headline = HeadlineWriter.For(findings, pullCount),
            Providers = providers,
            Findings = findings,
        };
    }

    private ResourceDiagnosis Describe(PullContext c, IReadOnlyList<Finding> findings) => new()
    {
        Resource = c.Resource,
        Status = c.Status,
        RangeStart = c.RangeStart,
        RangeEnd = c.RangeEnd,
        DaysWithData = c.Pull.DaysWithData,
        ScheduledAt = c.ScheduledAt,
        StartedAt = c.StartedAt,
        EndedAt = c.EndedAt,
        Release = c.Pull.Release,
        TraceId = c.Pull.TraceId,
        ErrorDetails = c.Pull.ErrorDetails is { Value.Length: > 0 } details ? details.Value : null,
        Waiting = c.Waiting,
        Running = c.Running,
        LowCoverage = c.Status == PullStatus.Success && c.Coverage is { } coverage && Thresholds.IsLowCoverage(coverage),
        Severity = findings.Count == 0 ? Severity.Ok : findings.Max(f => f.Severity),
        FindingCodes = [.. findings.Select(f => f.Code)],
        Notes = [.. findings.Select(f => f.Evidence.ProviderNote).OfType<string>().Distinct(StringComparer.Ordinal)],
        DefaultWindowDays = ProviderKnowledge.DefaultWindowDays(c.Provider, c.Resource),
    };

    private static Severity Max(Severity a, Severity b) => a >= b ? a : b;
}
