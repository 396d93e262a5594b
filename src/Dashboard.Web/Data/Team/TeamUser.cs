using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Dashboard.Diagnosis;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// One user in the team snapshot: their pulls in compact form and the few diagnosis figures the grid filters
/// and sorts on. Immutable; a later page about the same user replaces it.
/// </summary>
public sealed class TeamUser
{
    private static readonly IReadOnlyList<string> Codes = FindingCodes.All;

    private readonly CompactPull[] _pulls;

    private TeamUser(string userId, CompactPull[] pulls, NotPulledEntry[] notPulled, string[] providers, UserDiagnosis diagnosis, DateTimeOffset asOf, StringPool pool)
    {
        UserId = userId;
        _pulls = pulls;
        NotPulled = notPulled;
        Providers = providers;
        AsOf = asOf;
        Overall = diagnosis.Overall;
        Headline = pool.Intern(diagnosis.Headline);
        foreach (var finding in diagnosis.Findings)
        {
            var index = IndexOf(finding.Code);
            if (index >= 0)
            {
                FindingMask |= (ushort)(1 << index);
            }

            switch (finding.Severity)
            {
                case Severity.Critical: CriticalCount++; break;
                case Severity.Warning: WarningCount++; break;
                case Severity.Info: InfoCount++; break;
            }
        }

        long latest = 0;
        PullStatus? worst = null;
        foreach (var pull in pulls)
        {
            latest = Math.Max(latest, pull.LatestActivityTicks);
            worst = StatusRanker.Worse(worst, pull.Status);
            HasActivePulls |= pull.Status.IsActive;
        }

        LatestActivityTicks = latest;
        WorstStatus = worst;
    }

    public string UserId { get; }

    /// <summary>Pulls ordered by provider, then resource.</summary>
    public ImmutableArray<CompactPull> Pulls => ImmutableCollectionsMarshal.AsImmutableArray(_pulls);

    public int PullCount => _pulls.Length;

    public NotPulledEntry[] NotPulled { get; }

    /// <summary>Every provider the upstream listed for the user, ordered.</summary>
    public string[] Providers { get; }

    /// <summary>When the page holding this user was fetched.</summary>
    public DateTimeOffset AsOf { get; }

    public Severity Overall { get; }

    public string Headline { get; }

    public ushort FindingMask { get; }

    public short CriticalCount { get; }

    public short WarningCount { get; }

    public short InfoCount { get; }

    public bool NeedsAttention => Overall.NeedsAttention();

    public bool HasActivePulls { get; }

    /// <summary>The worst status over all pulls (<see cref="StatusRanker"/>), or null without pulls.</summary>
    public PullStatus? WorstStatus { get; }

    public long LatestActivityTicks { get; }

    public DateTimeOffset? LatestActivity => LatestActivityTicks == 0 ? null : new DateTimeOffset(LatestActivityTicks, TimeSpan.Zero);

    public bool HasFinding(string code) => IndexOf(code) is var i and >= 0 && (FindingMask & (1 << i)) != 0;

    public IEnumerable<string> FindingCodesPresent => Codes.Where((_, i) => (FindingMask & (1 << i)) != 0);

    /// <summary>The worst status of one provider's pulls, or null when it pulled nothing.</summary>
    public PullStatus? WorstStatusOf(string provider)
    {
        PullStatus? worst = null;
        foreach (var pull in _pulls)
        {
            if (pull.Provider == provider)
            {
                worst = StatusRanker.Worse(worst, pull.Status);
            }
        }

        return worst;
    }

    /// <summary>Back to the upstream's shape, for diagnosing and exporting.</summary>
    public UserHistoricalPulls ToPulls()
    {
        var providers = new Dictionary<ProviderSlug, ProviderPulls>(Providers.Length);
        foreach (var provider in Providers)
        {
            var pulled = new Dictionary<ResourceName, HistoricalPull>();
            foreach (var pull in _pulls)
            {
                if (pull.Provider == provider)
                {
                    pulled[new ResourceName(pull.Resource)] = pull.ToHistoricalPull();
                }
            }

            var notPulled = NotPulled.FirstOrDefault(n => n.Provider == provider)?.Resources ?? [];
            providers[new ProviderSlug(provider)] = new ProviderPulls
            {
                Pulled = pulled,
                NotPulled = [.. notPulled.Select(r => new ResourceName(r))],
            };
        }

        return new UserHistoricalPulls { UserId = UserId, Providers = providers };
    }

    internal static TeamUser Create(UserHistoricalPulls user, DiagnosisEngine engine, DateTimeOffset asOf, StringPool pool)
    {
        var pulls = new List<CompactPull>(user.PullCount);
        var notPulled = new List<NotPulledEntry>();
        var providers = new List<string>(user.Providers.Count);
        foreach (var (slug, provider) in user.Providers.OrderBy(p => p.Key.Value, StringComparer.Ordinal))
        {
            var providerName = pool.Intern(slug.Value);
            providers.Add(providerName);
            foreach (var (resource, pull) in provider.Pulled.OrderBy(r => r.Key.Value, StringComparer.Ordinal))
            {
                pulls.Add(new CompactPull(providerName, pool.Intern(resource.Value), pull, pool));
            }

            if (provider.NotPulled.Count > 0)
            {
                notPulled.Add(new NotPulledEntry(providerName, [.. provider.NotPulled.Select(r => pool.Intern(r.Value)).Order(StringComparer.Ordinal)]));
            }
        }

        return new TeamUser(user.UserId, [.. pulls], [.. notPulled], [.. providers], engine.Diagnose(user, asOf), asOf, pool);
    }

    /// <summary>This user with another page's providers added (a per-provider scan sees one provider at a time).</summary>
    internal TeamUser MergeWith(UserHistoricalPulls more, DiagnosisEngine engine, DateTimeOffset asOf, StringPool pool)
    {
        var mine = ToPulls();
        var merged = new Dictionary<ProviderSlug, ProviderPulls>(mine.Providers);
        foreach (var (slug, provider) in more.Providers)
        {
            merged[slug] = provider;
        }

        return Create(new UserHistoricalPulls { UserId = UserId, Providers = merged }, engine, asOf < AsOf ? asOf : AsOf, pool);
    }

    private static int IndexOf(string code)
    {
        for (var i = 0; i < Codes.Count; i++)
        {
            if (string.Equals(Codes[i], code, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
