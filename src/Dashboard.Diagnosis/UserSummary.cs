namespace Dashboard.Diagnosis;

/// <summary>One pull reduced to what the team grid and provider view count: provider, resource, status (all verbatim).</summary>
public readonly record struct PullKey(string Provider, string Resource, string Status);

/// <summary>A user's diagnosis reduced to one row of the team grid. Build it with <see cref="From"/>.</summary>
public sealed record UserSummary
{
    public required string UserId { get; init; }

    public required Severity Overall { get; init; }

    public required string Headline { get; init; }

    /// <summary>Provider slug to its worst status. A provider that pulled nothing has no entry (see <see cref="Providers"/>).</summary>
    public required IReadOnlyDictionary<string, string> WorstStatusByProvider { get; init; }

    /// <summary>Every provider slug of the user, sorted, including those that pulled nothing.</summary>
    public required IReadOnlyList<string> Providers { get; init; }

    public required int CriticalCount { get; init; }

    public required int WarningCount { get; init; }

    public required int InfoCount { get; init; }

    /// <summary>Any critical or warning finding.</summary>
    public bool NeedsAttention => CriticalCount + WarningCount > 0;

    /// <summary>The most recent time on any pull's timeline; null when there is none.</summary>
    public required DateTimeOffset? LatestActivity { get; init; }

    /// <summary>The distinct finding codes, in the diagnosis's order (worst first).</summary>
    public required IReadOnlyList<string> FindingCodes { get; init; }

    /// <summary>Providers with a critical or warning finding, sorted.</summary>
    public required IReadOnlyList<string> ProvidersNeedingAttention { get; init; }

    /// <summary>Every pulled resource with its status, in the diagnosis's order.</summary>
    public required IReadOnlyList<PullKey> Pulls { get; init; }

    /// <summary>How many resources were listed as not pulled, over all providers.</summary>
    public required int NotPulledCount { get; init; }

    /// <summary>Something is scheduled, in progress or retrying.</summary>
    public required bool HasActivePulls { get; init; }

    public int PullCount => Pulls.Count;

    public static UserSummary From(UserDiagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);

        return new UserSummary
        {
            UserId = diagnosis.UserId,
            Overall = diagnosis.Overall,
            Headline = diagnosis.Headline,
            WorstStatusByProvider = diagnosis.Providers
                .Where(p => p.WorstStatus is not null)
                .ToDictionary(p => p.Provider, p => p.WorstStatus!, StringComparer.Ordinal),
            Providers = [.. diagnosis.Providers.Select(p => p.Provider)],
            CriticalCount = diagnosis.Findings.Count(f => f.Severity == Severity.Critical),
            WarningCount = diagnosis.Findings.Count(f => f.Severity == Severity.Warning),
            InfoCount = diagnosis.Findings.Count(f => f.Severity == Severity.Info),
            LatestActivity = diagnosis.LatestActivity,
            FindingCodes = [.. diagnosis.Findings.Select(f => f.Code).Distinct(StringComparer.Ordinal)],
            ProvidersNeedingAttention =
            [
                .. diagnosis.Findings
                    .Where(f => f.Severity >= Severity.Warning && f.Provider is not null)
                    .Select(f => f.Provider!)
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal),
            ],
            Pulls =
            [
                .. diagnosis.Providers.SelectMany(p => p.Resources.Select(r => new PullKey(p.Provider, r.Resource, r.Status))),
            ],
            NotPulledCount = diagnosis.Providers.Sum(p => p.NotPulled.Count),
            HasActivePulls = diagnosis.HasActivePulls,
        };
    }
}
