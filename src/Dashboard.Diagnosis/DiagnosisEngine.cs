using Microsoft.Extensions.Options;
using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>
/// Turns what Vital holds about one user (the user, the connections, the historical pulls, the ongoing data) into a
/// <see cref="UserDiagnosis"/>: findings with what they mean and what to do,
/// per-provider and per-resource views, an overall severity and a headline. Pure and immutable: thresholds are copied
/// at construction, so one instance serves every thread, and the same input and time give the same output.
/// </summary>
public sealed class DiagnosisEngine
{
    private static readonly DiagnosisOptionsValidator Validator = new();

    private readonly TimeProvider _timeProvider;
    private readonly PullRules _rules;
    private readonly FreshnessRules _freshness;

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
        Thresholds = new DiagnosisThresholds(
            options.StuckScheduledAfter, options.StuckInProgressAfter, options.LowCoverageRatio, options.StaleAfter, options.StaleAfterByProvider);
        _rules = new PullRules(Thresholds);
        _freshness = new FreshnessRules(Thresholds);
    }

    /// <summary>The limits in force, for the team-wide views (stuck pulls) and a legend.</summary>
    public DiagnosisThresholds Thresholds { get; }

    /// <summary>Diagnoses the historical pulls alone as of now, by the engine's <see cref="TimeProvider"/>.</summary>
    public UserDiagnosis Diagnose(UserHistoricalPulls pulls) => Diagnose(pulls, _timeProvider.GetUtcNow());

    /// <summary>Diagnoses the historical pulls alone (what the team listing holds) as of <paramref name="asOf"/>.</summary>
    public UserDiagnosis Diagnose(UserHistoricalPulls pulls, DateTimeOffset asOf) => Diagnose(UserSources.FromPulls(pulls), asOf);

    /// <summary>Diagnoses every source read as of now, by the engine's <see cref="TimeProvider"/>.</summary>
    public UserDiagnosis Diagnose(UserSources sources) => Diagnose(sources, _timeProvider.GetUtcNow());

    /// <summary>
    /// Diagnoses what was read of the user's sources as of <paramref name="asOf"/> (converted to UTC): ages and
    /// durations are measured to it. A source that was not read adds nothing; one that could not be read adds a
    /// <c>source_unavailable</c> finding and the rest still counts.
    /// </summary>
    public UserDiagnosis Diagnose(UserSources sources, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(sources);
        asOf = asOf.ToUniversalTime();

        var userId = sources.UserId;
        var findings = new List<Finding>();
        var user = sources.User.Value;
        var userUnknown = sources.User.State == SourceState.NotFound;
        if (userUnknown)
        {
            findings.Add(UserRules.NotFound(userId));
        }
        else if (user is not null && UserRules.OutsideIngestionBounds(user, asOf) is { } outside)
        {
            findings.Add(outside);
        }

        AddUnavailable(findings, "user", sources.User.State, sources.User.Problem);
        AddUnavailable(findings, "connections", sources.Connections.State, sources.Connections.Problem);
        AddUnavailable(findings, "historicalPulls", sources.Pulls.State, sources.Pulls.Problem);
        AddUnavailable(findings, "resources", sources.Resources.State, sources.Resources.Problem);

        var connections = (sources.Connections.Value ?? [])
            .GroupBy(c => c.Provider.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var noConnections = sources.Connections.IsOk ? connections.Count == 0 : user is not null && user.ConnectedSources.Count == 0 && !sources.Connections.IsOk;
        if (!userUnknown && user is not null && noConnections)
        {
            findings.Add(UserRules.NoConnections());
        }

        var pulls = sources.Pulls.Value ?? UserHistoricalPulls.Empty(userId);
        var ongoing = sources.Resources.Value?.Providers ?? new Dictionary<ProviderSlug, IReadOnlyDictionary<ResourceName, ResourceFreshness>>();
        var slugs = pulls.Providers.Keys.Select(p => p.Value)
            .Concat(connections.Keys)
            .Concat(ongoing.Keys.Select(p => p.Value))
            .Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        var providers = new List<ProviderDiagnosis>();
        var connectionDiagnoses = new List<ConnectionDiagnosis>();
        foreach (var provider in slugs)
        {
            var slug = new ProviderSlug(provider);
            var connection = connections.GetValueOrDefault(provider);
            var providerFindings = new List<Finding>();
            var denied = new HashSet<string>(StringComparer.Ordinal);
            if (connection is not null)
            {
                providerFindings.AddRange(ConnectionRules.Evaluate(connection, userId));
                denied.UnionWith(ConnectionRules.DeniedScopes(connection).Select(d => d.Resource));
            }

            var providerPulls = pulls.Providers.GetValueOrDefault(slug);
            var freshness = ongoing.GetValueOrDefault(slug) ?? new Dictionary<ResourceName, ResourceFreshness>();
            var resources = new List<(ResourceDiagnosis Resource, IReadOnlyList<Finding> Findings)>();
            foreach (var (resource, pull) in (providerPulls?.Pulled ?? new Dictionary<ResourceName, HistoricalPull>()).OrderBy(r => r.Key.Value, StringComparer.Ordinal))
            {
                var context = new PullContext(userId, provider, resource.Value, pull, asOf);
                var pullFindings = _rules.Evaluate(context);
                providerFindings.AddRange(pullFindings);
                resources.Add((Describe(context, pullFindings) with { Freshness = Fresh(provider, freshness.GetValueOrDefault(resource), asOf) }, pullFindings));
            }

            foreach (var (resource, fresh) in freshness.Where(f => providerPulls?.Pulled.ContainsKey(f.Key) != true))
            {
                resources.Add((OngoingOnly(provider, resource.Value, Fresh(provider, fresh, asOf)!), []));
            }

            // A resource the denied scopes explain is reported there, not again as "not pulled".
            var notPulled = providerPulls is not { NotPulled.Count: > 0 } ? [] : providerPulls.NotPulled
                .Select(r => r.Value)
                .Where(r => r.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (notPulled.Length > 0 && notPulled.Where(r => !denied.Contains(r)).ToArray() is { Length: > 0 } unexplained)
            {
                providerFindings.Add(PullRules.NotPulled(provider, unexplained));
            }

            var statusOf = resources.Where(r => r.Resource.HasPull).ToDictionary(r => r.Resource.Resource, r => r.Resource.Status, StringComparer.Ordinal);
            var fresherFindings = _freshness.Evaluate(
                userId,
                provider,
                [.. freshness.Select(f => new FreshnessRules.Resource(f.Key.Value, f.Value, statusOf.GetValueOrDefault(f.Key.Value)))],
                sources.Connections.IsOk ? connection?.Status : null,
                asOf);
            providerFindings.AddRange(fresherFindings);

            var described = resources
                .Select(r => WithProviderFindings(r.Resource, providerFindings))
                .OrderBy(r => r.Resource, StringComparer.Ordinal)
                .ToList();
            var severity = providerFindings.Count == 0 ? Severity.Ok : providerFindings.Max(f => f.Severity);
            var connectionDiagnosis = connection is null ? null : Describe(connection, providerFindings);
            if (connectionDiagnosis is not null)
            {
                connectionDiagnoses.Add(connectionDiagnosis);
            }

            findings.AddRange(providerFindings);
            providers.Add(new ProviderDiagnosis
            {
                Provider = provider,
                WorstStatus = StatusRanker.Worst(described.Where(r => r.Status is not null).Select(r => r.Status!.Value)),
                Resources = described,
                NotPulled = notPulled,
                Connection = connectionDiagnosis,
                Severity = severity,
            });
        }

        var pullCount = providers.Sum(p => p.Resources.Count(r => r.HasPull));
        if (pullCount == 0 && sources.Pulls.IsOk && !userUnknown)
        {
            findings.Add(PullRules.NoPullData([.. providers.Where(p => pulls.Providers.ContainsKey(new ProviderSlug(p.Provider)))], userKnown: user is not null));
        }

        findings.Sort(FindingOrder.Instance);

        return new UserDiagnosis
        {
            UserId = userId,
            ClientUserId = user?.ClientUserId,
            TeamId = user?.TeamId,
            AsOf = asOf,
            Overall = findings.Count == 0 ? Severity.Ok : findings.Max(f => f.Severity),
            Headline = HeadlineWriter.For(findings, pullCount),
            Providers = providers,
            Findings = findings,
            User = user is null ? null : Describe(user),
            Connections = connectionDiagnoses,
            Sources = new DiagnosisSources
            {
                User = sources.User.State,
                Connections = sources.Connections.State,
                HistoricalPulls = sources.Pulls.State,
                Resources = sources.Resources.State,
            },
        };
    }

    private static void AddUnavailable(List<Finding> findings, string source, SourceState state, string? problem)
    {
        if (state == SourceState.Unavailable)
        {
            findings.Add(UserRules.SourceUnavailable(source, problem ?? "Vital could not be read."));
        }
    }

    private FreshnessDiagnosis? Fresh(string provider, ResourceFreshness? freshness, DateTimeOffset asOf) => freshness is null ? null : new()
    {
        NewestData = freshness.NewestData,
        OldestData = freshness.OldestData,
        LastAttemptAt = freshness.LastAttempt?.Timestamp,
        LastAttemptStatus = freshness.LastAttempt?.Status,
        SentCount = freshness.SentCount,
        Stale = Thresholds.IsStale(provider, freshness.NewestData, asOf),
    };

    private static ResourceDiagnosis OngoingOnly(string provider, string resource, FreshnessDiagnosis freshness) => new()
    {
        Resource = resource,
        Status = null,
        Freshness = freshness,
        DefaultWindowDays = ProviderKnowledge.DefaultWindowDays(provider, resource),
    };

    /// <summary>A resource with the provider-wide findings that name it (stale, failed attempts) among its own.</summary>
    private static ResourceDiagnosis WithProviderFindings(ResourceDiagnosis resource, List<Finding> providerFindings)
    {
        // Looked for without a closure or a list first: most resources are named by no provider-wide finding.
        List<Finding>? naming = null;
        foreach (var finding in providerFindings)
        {
            if (Names(finding, resource.Resource))
            {
                (naming ??= []).Add(finding);
            }
        }

        if (naming is null)
        {
            return resource;
        }

        return resource with
        {
            FindingCodes = [.. resource.FindingCodes.Concat(naming.Select(f => f.Code)).Distinct(StringComparer.Ordinal)],
            Severity = Max(resource.Severity, naming.Max(f => f.Severity)),
        };
    }

    private static bool Names(Finding finding, string resource) =>
        finding.Resource is null && finding.Code != FindingCodes.ResourcesNotPulled && finding.Evidence.Resources is { } named && named.Contains(resource, StringComparer.Ordinal);

    private static ConnectionDiagnosis Describe(ProviderConnection connection, List<Finding> providerFindings) => new()
    {
        Provider = connection.Provider.Value,
        Status = connection.Status,
        ErrorType = connection.Error?.Type,
        ErrorMessage = connection.Error?.Message,
        ErroredAt = connection.Error?.ErroredAt,
        ExternalUserId = connection.ExternalUserId,
        UnavailableResources = ConnectionRules.DeniedScopes(connection),
        CreatedOn = connection.CreatedOn,
        Severity = providerFindings.Where(f => FindingCodes.SourceOrder(f.Code) == 1).Select(f => f.Severity).DefaultIfEmpty(Severity.Ok).Max(),
    };

    private static UserProfile Describe(VitalUser user) => new()
    {
        CreatedOn = user.CreatedOn,
        IngestionStart = user.IngestionStart,
        IngestionEnd = user.IngestionEnd,
        FallbackTimeZone = user.FallbackTimeZone,
        ConnectedSources = [.. user.ConnectedSources.Select(s => new ConnectedSourceDiagnosis { Provider = s.Provider.Value, CreatedOn = s.CreatedOn })],
    };

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

        // Most pulls have no finding: they then make no iterator, set or list here (a team scan describes every pull of
        // a user at each page that names them).
        FindingCodes = findings.Count == 0 ? [] : [.. findings.Select(f => f.Code)],
        Notes = findings.Count == 0 ? [] : [.. findings.Select(f => f.Evidence.ProviderNote).OfType<string>().Distinct(StringComparer.Ordinal)],
        DefaultWindowDays = ProviderKnowledge.DefaultWindowDays(c.Provider, c.Resource),
    };

    private static Severity Max(Severity a, Severity b) => a >= b ? a : b;
}
