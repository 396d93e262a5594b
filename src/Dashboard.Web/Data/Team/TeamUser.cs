using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Dashboard.Diagnosis;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// One user in the team snapshot: their pulls and ongoing data in compact form and the few diagnosis figures the
/// grid filters and sorts on. Immutable once shown; a later page about the same user replaces it. (A hidden rescan
/// builds its users without those figures and gives them once each user is read whole: <see cref="Diagnose"/>.)
/// </summary>
public sealed class TeamUser
{
    private static readonly IReadOnlyList<string> Codes = FindingCodes.All;

    /// <summary>The headline of a user whose diagnosis waits for the rest of a rescan (never shown in the normal course).</summary>
    internal const string NotYetDiagnosed = "Still being read from Vital.";

    // Not readonly: ShareWith swaps each for an equal run of the snapshot shown, which changes nothing a reader can
    // see (same length, same items) and lets the older array be the only copy. A run, not a whole array: inside a
    // rescan, a user read on some of their providers so far holds the run of the shown user's array with those
    // providers' items (ADR 0028), instead of a copy of their own that dies at their next provider's page.
    private ArraySegment<CompactPull> _pulls;
    private ArraySegment<CompactFreshness> _ongoing;

    /// <summary>The providers the historical-pull listing named (an entry may hold nothing pulled and nothing not pulled).</summary>
    private readonly string[] _pullProviders;

    /// <summary>Pooled: users with the same providers share this array (<see cref="StringPool.ListOf"/>).</summary>
    private readonly string[] _providers;

    private TeamFinding[] _findings = [];

    private TeamUser(
        string userId, ArraySegment<CompactPull> pulls, NotPulledEntry[] notPulled, ArraySegment<CompactFreshness> ongoing, bool ongoingRead, string[] pullProviders, string[] providers, UserDiagnosis? diagnosis, DateTimeOffset asOf, StringPool pool)
        : this(userId, pulls, notPulled, ongoing, ongoingRead, pullProviders, providers, diagnosis?.Overall ?? Severity.Ok, diagnosis?.Headline ?? NotYetDiagnosed, Figures(diagnosis, pool), asOf, pool)
    {
        IsDiagnosed = diagnosis is not null;
    }

    private TeamUser(
        string userId,
        ArraySegment<CompactPull> pulls,
        NotPulledEntry[] notPulled,
        ArraySegment<CompactFreshness> ongoing,
        bool ongoingRead,
        string[] pullProviders,
        string[] providers,
        Severity overall,
        string headline,
        TeamFinding[] findings,
        DateTimeOffset asOf,
        StringPool pool)
    {
        UserId = userId;
        _pullProviders = pool.ListOf(pullProviders);
        _pulls = pulls;
        _ongoing = ongoing;
        OngoingRead = ongoingRead;
        NotPulled = notPulled;
        _providers = pool.ListOf(providers);
        AsOf = asOf;
        IsDiagnosed = true;
        SetFigures(overall, pool.Intern(headline), findings);

        long latest = 0;
        PullStatus? worst = null;
        foreach (var pull in pulls.AsSpan())
        {
            latest = Math.Max(latest, pull.LatestActivityTicks);
            worst = StatusRanker.Worse(worst, pull.Status);
            HasActivePulls |= pull.Status.IsActive;
        }

        long newest = 0;
        foreach (var resource in ongoing.AsSpan())
        {
            newest = Math.Max(newest, resource.NewestDataTicks);
            IsStale |= resource.Stale;
        }

        LatestActivityTicks = latest;
        NewestDataTicks = newest;
        WorstStatus = worst;
    }

    /// <summary>The upstream's user id (<see cref="ShareWith"/> may swap it for an equal string before the user is shown).</summary>
    public string UserId { get; private set; }

    /// <summary>The providers the historical-pull listing named, ordered.</summary>
    public IReadOnlyList<string> PullProviders => _pullProviders;

    /// <summary>Pulls ordered by provider, then resource.</summary>
    public ImmutableArray<CompactPull> Pulls => AsImmutable(_pulls);

    public int PullCount => _pulls.Count;

    /// <summary>The run of an array the pulls are kept in: all of an array of the user's own, or a run of a shown user's (<see cref="ShareWith"/>).</summary>
    internal ArraySegment<CompactPull> PullRun => _pulls;

    /// <summary>The run of an array the ongoing data is kept in (as <see cref="PullRun"/>).</summary>
    internal ArraySegment<CompactFreshness> OngoingRun => _ongoing;

    /// <summary>The ongoing data the resources introspection listed, ordered by provider, then resource.</summary>
    public ImmutableArray<CompactFreshness> Ongoing => AsImmutable(_ongoing);

    /// <summary>The scan read the ongoing data (<c>Vital:ScanResources</c>); without it, freshness is unknown, not "none".</summary>
    public bool OngoingRead { get; }

    public NotPulledEntry[] NotPulled { get; }

    /// <summary>Every provider the upstream listed for the user (pulls or ongoing data), ordered.</summary>
    public ImmutableArray<string> Providers => ImmutableCollectionsMarshal.AsImmutableArray(_providers);

    /// <summary>When the page holding this user was fetched.</summary>
    public DateTimeOffset AsOf { get; }

    public Severity Overall { get; private set; }

    public string Headline { get; private set; }

    /// <summary>
    /// False only inside a rescan that is not shown yet (<see cref="Diagnose"/>): its figures wait for the user's last
    /// provider to be read, so a user seen on several providers is diagnosed once.
    /// </summary>
    internal bool IsDiagnosed { get; private set; }

    /// <summary>Bit i is set when the diagnosis has a finding of <see cref="FindingCodes.All"/>[i].</summary>
    public uint FindingMask { get; private set; }

    /// <summary>
    /// The diagnosis's findings in its order (worst first), without their words: the grid's figures come from them, and
    /// the history and the team CSV read them instead of diagnosing the user again. Empty until <see cref="IsDiagnosed"/>.
    /// </summary>
    public ImmutableArray<TeamFinding> Findings => ImmutableCollectionsMarshal.AsImmutableArray(_findings);

    public short CriticalCount { get; private set; }

    public short WarningCount { get; private set; }

    public short InfoCount { get; private set; }

    public bool NeedsAttention => Overall.NeedsAttention();

    public bool HasActivePulls { get; }

    /// <summary>The worst status over all pulls (<see cref="StatusRanker"/>), or null without pulls.</summary>
    public PullStatus? WorstStatus { get; }

    public long LatestActivityTicks { get; }

    public DateTimeOffset? LatestActivity => LatestActivityTicks == 0 ? null : new DateTimeOffset(LatestActivityTicks, TimeSpan.Zero);

    /// <summary>The newest data point Vital holds of the user, over every resource (0 = none or not read).</summary>
    public long NewestDataTicks { get; }

    public DateTimeOffset? NewestData => NewestDataTicks == 0 ? null : new DateTimeOffset(NewestDataTicks, TimeSpan.Zero);

    /// <summary>
    /// Some resource's newest data is older than its provider's stale limit while its backfill succeeded (or never
    /// ran). The team scan does not read connections, so a broken or paused connection counts here too: its data
    /// stopped all the same, and the user's page says why.
    /// </summary>
    public bool IsStale { get; }

    /// <summary>The stale resource whose data stopped longest ago; null when none is stale.</summary>
    public CompactFreshness? Stalest
    {
        get
        {
            CompactFreshness? stalest = null;
            foreach (var resource in _ongoing.AsSpan())
            {
                if (resource.Stale && (stalest is not { } s || resource.NewestDataTicks < s.NewestDataTicks))
                {
                    stalest = resource;
                }
            }

            return stalest;
        }
    }

    public bool HasFinding(string code) => IndexOf(code) is var i and >= 0 && (FindingMask & (1u << i)) != 0;

    public IEnumerable<string> FindingCodesPresent => Codes.Where((_, i) => (FindingMask & (1u << i)) != 0);

    /// <summary>The worst status of one provider's pulls, or null when it pulled nothing.</summary>
    public PullStatus? WorstStatusOf(string provider)
    {
        PullStatus? worst = null;
        foreach (var pull in _pulls.AsSpan())
        {
            if (pull.Provider == provider)
            {
                worst = StatusRanker.Worse(worst, pull.Status);
            }
        }

        return worst;
    }

    /// <summary>Back to the upstream's shape, for diagnosing and exporting (a merge diagnoses through here): no LINQ, each dictionary at its size.</summary>
    public UserHistoricalPulls ToPulls()
    {
        var providers = new Dictionary<ProviderSlug, ProviderPulls>(_pullProviders.Length);
        foreach (var provider in _pullProviders)
        {
            var count = 0;
            foreach (var pull in _pulls.AsSpan())
            {
                count += string.Equals(pull.Provider, provider, StringComparison.Ordinal) ? 1 : 0;
            }

            var pulled = new Dictionary<ResourceName, HistoricalPull>(count);
            foreach (var pull in _pulls.AsSpan())
            {
                if (string.Equals(pull.Provider, provider, StringComparison.Ordinal))
                {
                    pulled[new ResourceName(pull.Resource)] = pull.ToHistoricalPull();
                }
            }

            providers[new ProviderSlug(provider)] = new ProviderPulls { Pulled = pulled, NotPulled = NotPulledOf(provider) };
        }

        return new UserHistoricalPulls { UserId = UserId, Providers = providers };
    }

    /// <summary>The ongoing data back in the client's shape; null when the scan did not read it.</summary>
    public UserResources? ToResources()
    {
        if (!OngoingRead)
        {
            return null;
        }

        // Ordered by provider, so each provider's resources are one run of the array, read into a dictionary of its size
        // (a provider met again, were the array ever out of that order, adds to the dictionary it has).
        var providers = new Dictionary<ProviderSlug, IReadOnlyDictionary<ResourceName, ResourceFreshness>>();
        ReadOnlySpan<CompactFreshness> ongoing = _ongoing;
        for (var at = 0; at < ongoing.Length;)
        {
            var provider = ongoing[at].Provider;
            var end = at + 1;
            while (end < ongoing.Length && string.Equals(ongoing[end].Provider, provider, StringComparison.Ordinal))
            {
                end++;
            }

            var slug = new ProviderSlug(provider);
            var resources = providers.TryGetValue(slug, out var earlier)
                ? (Dictionary<ResourceName, ResourceFreshness>)earlier
                : new Dictionary<ResourceName, ResourceFreshness>(end - at);
            for (; at < end; at++)
            {
                resources[new ResourceName(ongoing[at].Resource)] = ongoing[at].ToFreshness();
            }

            providers[slug] = resources;
        }

        return new UserResources { UserId = UserId, Providers = providers };
    }

    private ResourceName[] NotPulledOf(string provider)
    {
        foreach (var entry in NotPulled)
        {
            if (string.Equals(entry.Provider, provider, StringComparison.Ordinal))
            {
                var names = new ResourceName[entry.Resources.Length];
                for (var i = 0; i < names.Length; i++)
                {
                    names[i] = new ResourceName(entry.Resources[i]);
                }

                return names;
            }
        }

        return [];
    }

    /// <summary>
    /// Takes <paramref name="before"/>'s id string (the same user: an equal one, parsed again from the rescan's page),
    /// and its pulls, ongoing data and findings arrays where they hold the same items as this user's (a rescan reads most users
    /// unchanged): the new snapshot then shares them with the one shown instead of holding a second copy of the team
    /// (the ids alone are some 10 MB at 100,000 users). Only ever called before the user is shown; equal values make
    /// the swap invisible.
    /// </summary>
    internal void ShareWith(TeamUser before)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (string.Equals(UserId, before.UserId, StringComparison.Ordinal))
        {
            UserId = before.UserId;
        }

        _pulls = SharedRun(_pulls, before._pulls, static pull => pull.Provider);
        _ongoing = SharedRun(_ongoing, before._ongoing, static resource => resource.Provider);
        ShareFindingsWith(before);
    }

    /// <summary>
    /// Takes <paramref name="before"/>'s findings array when it holds the same findings (a rescan's user has findings once
    /// diagnosed, and most are the same as before). One reference swapped for an equal array: safe while the user is shown.
    /// </summary>
    internal void ShareFindingsWith(TeamUser before)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (IsDiagnosed && !ReferenceEquals(_findings, before._findings) && _findings.AsSpan().SequenceEqual(before._findings))
        {
            _findings = before._findings;
        }
    }

    /// <summary>
    /// Gives a user built without a diagnosis (<c>diagnose: false</c>) the figures the engine finds in what they hold,
    /// at their <see cref="AsOf"/>: what an eager build would have found, since a merge diagnoses the same round trip.
    /// Called by the snapshot's writer only: in parallel when a hidden rescan completes, or at its next page when it
    /// comes to be shown mid-way (ADR 0023).
    /// </summary>
    internal void Diagnose(DiagnosisEngine engine, StringPool pool)
    {
        if (IsDiagnosed)
        {
            return;
        }

        var diagnosis = engine.Diagnose(ToSources(), AsOf);
        SetFigures(diagnosis.Overall, pool.Intern(diagnosis.Headline), Figures(diagnosis, pool));
        IsDiagnosed = true;
    }

    /// <summary>What the team scan read of the user, for the engine: pulls, and ongoing data when read.</summary>
    public UserSources ToSources() => Sources(UserId, ToPulls(), ToResources());

    internal static TeamUser Create(UserHistoricalPulls user, DiagnosisEngine engine, DateTimeOffset asOf, StringPool pool, bool diagnose = true) =>
        Build(user.UserId, user, null, engine, diagnose, asOf, pool);

    /// <summary>A user as stored (pulls, and ongoing data when that scan read it): the history's restart.</summary>
    internal static TeamUser Create(UserHistoricalPulls user, UserResources? ongoing, DiagnosisEngine engine, DateTimeOffset asOf, StringPool pool) =>
        Build(user.UserId, user, ongoing, engine, diagnose: true, asOf, pool);

    /// <summary>
    /// A user as the store kept them, in the snapshot's own order, with the grid's figures their diagnosis gave when
    /// they were stored (its findings' codes and severities, its headline): a restart shows them without diagnosing
    /// the team again, which was most of its time. The next scan diagnoses them afresh.
    /// </summary>
    internal static TeamUser FromStored(
        string userId,
        CompactPull[] pulls,
        NotPulledEntry[] notPulled,
        CompactFreshness[]? ongoing,
        string[] pullProviders,
        string headline,
        TeamFinding[] findings,
        DateTimeOffset asOf,
        StringPool pool)
    {
        var overall = Severity.Ok;
        foreach (var (_, severity, _, _) in findings)
        {
            overall = severity > overall ? severity : overall;
        }

        return new TeamUser(userId, pulls, notPulled, ongoing ?? [], ongoing is not null, pullProviders, ProvidersOf(pullProviders, ongoing ?? [], [], pool), overall, headline, findings, asOf, pool);
    }

    /// <summary>A user only the resources introspection listed (no pull of theirs seen yet).</summary>
    internal static TeamUser FromOngoing(UserResources resources, DiagnosisEngine engine, DateTimeOffset asOf, StringPool pool, bool diagnose = true) =>
        Build(resources.UserId, UserHistoricalPulls.Empty(resources.UserId), resources, engine, diagnose, asOf, pool);

    /// <summary>
    /// This user with another page's providers added (a per-provider scan sees one provider at a time): the page's
    /// providers replace what was there; the others, and the ongoing data, are kept in their compact form (their stale
    /// flags read again against the new pulls and the earlier of the two times), never expanded and compacted again.
    /// </summary>
    internal TeamUser MergeWith(UserHistoricalPulls more, DiagnosisEngine engine, DateTimeOffset asOf, StringPool pool, bool diagnose = true)
    {
        var replaced = new HashSet<string>(more.Providers.Keys.Select(k => k.Value), StringComparer.Ordinal);
        var pulls = new List<CompactPull>(_pulls.Count + more.PullCount);
        var notPulled = new List<NotPulledEntry>(NotPulled.Length + more.Providers.Count);
        var pullProviders = new List<string>(_pullProviders.Length + more.Providers.Count);
        pulls.AddRange(_pulls.Where(p => !replaced.Contains(p.Provider)));
        notPulled.AddRange(NotPulled.Where(n => !replaced.Contains(n.Provider)));
        pullProviders.AddRange(_pullProviders.Where(p => !replaced.Contains(p)));
        AddPulls(more, pool, pulls, notPulled, pullProviders);
        pulls.Sort(ByProviderThenResource);
        notPulled.Sort((a, b) => string.CompareOrdinal(a.Provider, b.Provider));
        pullProviders.Sort(StringComparer.Ordinal);

        var merged = pulls.ToArray();
        var at = asOf < AsOf ? asOf : AsOf;

        // The ongoing data is kept as it is, in the same array, unless a stale flag reads otherwise against the new
        // pulls: a rescan's user whose ongoing page came first would otherwise leave a copy behind at each page, one
        // that lived long enough (until the user's next page) to reach the oldest generation as garbage.
        CompactFreshness[]? changed = null;
        for (var i = 0; i < _ongoing.Count; i++)
        {
            var resource = _ongoing[i];
            var again = resource.ReadAgain(StatusOf(merged, resource.Provider, resource.Resource), engine.Thresholds, at, pool);
            if (again.Stale != resource.Stale)
            {
                changed ??= _ongoing.ToArray();
                changed[i] = again;
            }
        }

        var ongoing = changed is null ? _ongoing : changed;

        string[] providersPulled = [.. pullProviders];
        return new TeamUser(UserId, merged, [.. notPulled], ongoing, OngoingRead, providersPulled, ProvidersOf(providersPulled, ongoing, _providers, pool), diagnosis: null, at, pool)
            .DiagnosedIf(diagnose, engine, pool);
    }

    /// <summary>
    /// This user with another page's ongoing data added (its providers replace what was there; the others are kept in
    /// their compact form, their stale flags read again at the earlier of the two times).
    /// </summary>
    internal TeamUser WithOngoing(UserResources more, DiagnosisEngine engine, DateTimeOffset asOf, StringPool pool, bool diagnose = true)
    {
        var replaced = new HashSet<string>(more.Providers.Keys.Select(k => k.Value), StringComparer.Ordinal);
        var at = asOf < AsOf ? asOf : AsOf;
        var fresh = new List<CompactFreshness>(_ongoing.Count);
        foreach (var resource in _ongoing.AsSpan())
        {
            if (!replaced.Contains(resource.Provider))
            {
                fresh.Add(resource.ReadAgain(StatusOf(_pulls, resource.Provider, resource.Resource), engine.Thresholds, at, pool));
            }
        }

        AddOngoing(more, _pulls, engine, at, pool, fresh);
        fresh.Sort(ByProviderThenResource);
        CompactFreshness[] ongoing = [.. fresh];
        var listed = _providers.Concat(more.Providers.Keys.Select(k => k.Value));
        return new TeamUser(UserId, _pulls, NotPulled, ongoing, ongoingRead: true, _pullProviders, ProvidersOf(_pullProviders, ongoing, listed, pool), diagnosis: null, at, pool)
            .DiagnosedIf(diagnose, engine, pool);
    }

    private static UserSources Sources(string userId, UserHistoricalPulls pulls, UserResources? ongoing) => new()
    {
        UserId = userId,
        Pulls = SourceRead<UserHistoricalPulls>.Ok(pulls),
        Resources = ongoing is null ? SourceRead<UserResources>.NotRead : SourceRead<UserResources>.Ok(ongoing),
    };

    private static TeamUser Build(string userId, UserHistoricalPulls user, UserResources? ongoing, DiagnosisEngine engine, bool diagnose, DateTimeOffset asOf, StringPool pool)
    {
        var pulls = new List<CompactPull>(user.PullCount);
        var notPulled = new List<NotPulledEntry>();
        var pullProviders = new List<string>(user.Providers.Count);
        AddPulls(user, pool, pulls, notPulled, pullProviders);
        var compact = pulls.ToArray();
        var fresh = new List<CompactFreshness>();
        if (ongoing is not null)
        {
            AddOngoing(ongoing, compact, engine, asOf, pool, fresh);
        }

        var diagnosis = diagnose ? engine.Diagnose(Sources(userId, user, ongoing), asOf) : null;
        string[] providersPulled = [.. pullProviders];
        CompactFreshness[] compactOngoing = [.. fresh];
        var listed = ongoing?.Providers.Keys.Select(k => k.Value) ?? [];
        return new TeamUser(userId, compact, [.. notPulled], compactOngoing, ongoing is not null, providersPulled, ProvidersOf(providersPulled, compactOngoing, listed, pool), diagnosis, asOf, pool);
    }

    /// <summary>
    /// Every provider of the pulls, of the ongoing data, and those <paramref name="listed"/> (not empty): the resources
    /// introspection lists a provider with resources or without, and a merge keeps what the user listed before. Ordered.
    /// </summary>
    private static string[] ProvidersOf(string[] pullProviders, ReadOnlySpan<CompactFreshness> ongoing, IEnumerable<string> listed, StringPool pool)
    {
        var providers = new SortedSet<string>(pullProviders, StringComparer.Ordinal);
        foreach (var resource in ongoing)
        {
            providers.Add(resource.Provider);
        }

        foreach (var provider in listed)
        {
            if (provider.Length > 0)
            {
                providers.Add(pool.Intern(provider));
            }
        }

        return [.. providers];
    }

    /// <summary>This user, diagnosed from what they hold when <paramref name="diagnose"/> (a merge); as they are otherwise.</summary>
    private TeamUser DiagnosedIf(bool diagnose, DiagnosisEngine engine, StringPool pool)
    {
        if (diagnose)
        {
            Diagnose(engine, pool);
        }

        return this;
    }

    /// <summary>A page's pulls in compact form, its providers and resources in ordinal order.</summary>
    private static void AddPulls(UserHistoricalPulls user, StringPool pool, List<CompactPull> pulls, List<NotPulledEntry> notPulled, List<string> pullProviders)
    {
        foreach (var (slug, provider) in user.Providers.OrderBy(p => p.Key.Value, StringComparer.Ordinal))
        {
            var providerName = pool.Intern(slug.Value);
            pullProviders.Add(providerName);
            foreach (var (resource, pull) in provider.Pulled.OrderBy(r => r.Key.Value, StringComparer.Ordinal))
            {
                pulls.Add(new CompactPull(providerName, pool.Intern(resource.Value), pull, pool));
            }

            if (provider.NotPulled.Count > 0)
            {
                notPulled.Add(new NotPulledEntry(providerName, [.. provider.NotPulled.Select(r => pool.Intern(r.Value)).Order(StringComparer.Ordinal)]));
            }
        }
    }

    /// <summary>A page's ongoing data in compact form, stale or not against the user's pulls at <paramref name="asOf"/>.</summary>
    private static void AddOngoing(UserResources ongoing, ReadOnlySpan<CompactPull> pulls, DiagnosisEngine engine, DateTimeOffset asOf, StringPool pool, List<CompactFreshness> fresh)
    {
        foreach (var (slug, resources) in ongoing.Providers.OrderBy(p => p.Key.Value, StringComparer.Ordinal))
        {
            if (slug.Value.Length == 0)
            {
                continue;
            }

            var providerName = pool.Intern(slug.Value);
            foreach (var (resource, freshness) in resources.OrderBy(r => r.Key.Value, StringComparer.Ordinal))
            {
                var resourceName = pool.Intern(resource.Value);
                fresh.Add(CompactFreshness.Read(providerName, resourceName, freshness, StatusOf(pulls, providerName, resourceName), engine.Thresholds, asOf, pool));
            }
        }
    }

    /// <summary>The status of the user's pull of this provider's resource; null when there is none.</summary>
    private static PullStatus? StatusOf(ReadOnlySpan<CompactPull> pulls, string provider, string resource)
    {
        foreach (var pull in pulls)
        {
            if (string.Equals(pull.Provider, provider, StringComparison.Ordinal) && string.Equals(pull.Resource, resource, StringComparison.Ordinal))
            {
                return pull.Status;
            }
        }

        return null;
    }

    /// <summary>
    /// Gives a user that holds a run of another user's array (a provider they no longer have in this rescan) arrays of
    /// their own, so the snapshot keeps no older array alive for them and <see cref="Pulls"/> makes no copy. Called by
    /// the snapshot's writer before the user is shown.
    /// </summary>
    internal void OwnRuns()
    {
        _pulls = Owned(_pulls);
        _ongoing = Owned(_ongoing);
    }

    private static ArraySegment<T> Owned<T>(ArraySegment<T> run) => IsWhole(run) ? run : run.ToArray();

    private static bool IsWhole<T>(ArraySegment<T> run) => run.Offset == 0 && run.Count == run.Array!.Length;

    /// <summary>The run as an immutable array: the array itself when the run is all of it (always, once shown in the normal course), else a copy.</summary>
    private static ImmutableArray<T> AsImmutable<T>(ArraySegment<T> run) =>
        IsWhole(run) ? ImmutableCollectionsMarshal.AsImmutableArray(run.Array) : ImmutableArray.Create(run.AsSpan());

    /// <summary>
    /// <paramref name="mine"/>, or the run of <paramref name="theirs"/> that holds the same items: all of it, or for a
    /// user read on some of their providers so far, the run from the first of those providers on (both are ordered by
    /// provider, then resource, so a provider's items are one run).
    /// </summary>
    private static ArraySegment<T> SharedRun<T>(ArraySegment<T> mine, ArraySegment<T> theirs, Func<T, string> providerOf)
        where T : IEquatable<T>
    {
        if (mine.Count == 0 || (ReferenceEquals(mine.Array, theirs.Array) && mine.Offset == theirs.Offset && mine.Count == theirs.Count))
        {
            return mine;
        }

        ReadOnlySpan<T> span = theirs;
        var first = providerOf(mine[0]);
        var start = 0;
        while (start < span.Length && !string.Equals(providerOf(span[start]), first, StringComparison.Ordinal))
        {
            start++;
        }

        return span.Length - start >= mine.Count && span.Slice(start, mine.Count).SequenceEqual(mine)
            ? new ArraySegment<T>(theirs.Array!, theirs.Offset + start, mine.Count)
            : mine;
    }

    private static int ByProviderThenResource(CompactPull a, CompactPull b) =>
        string.CompareOrdinal(a.Provider, b.Provider) is var byProvider and not 0 ? byProvider : string.CompareOrdinal(a.Resource, b.Resource);

    private static int ByProviderThenResource(CompactFreshness a, CompactFreshness b) =>
        string.CompareOrdinal(a.Provider, b.Provider) is var byProvider and not 0 ? byProvider : string.CompareOrdinal(a.Resource, b.Resource);

    private static TeamFinding[] Figures(UserDiagnosis? diagnosis, StringPool pool) =>
        diagnosis is null ? [] : TeamFinding.Of(diagnosis.Findings, pool);

    [MemberNotNull(nameof(Headline))]
    private void SetFigures(Severity overall, string headline, TeamFinding[] findings)
    {
        Overall = overall;
        Headline = headline;
        _findings = findings;
        FindingMask = 0;
        CriticalCount = WarningCount = InfoCount = 0;
        foreach (var finding in findings)
        {
            var index = IndexOf(finding.Code);
            if (index >= 0)
            {
                FindingMask |= 1u << index;
            }

            switch (finding.Severity)
            {
                case Severity.Critical: CriticalCount++; break;
                case Severity.Warning: WarningCount++; break;
                case Severity.Info: InfoCount++; break;
            }
        }
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
