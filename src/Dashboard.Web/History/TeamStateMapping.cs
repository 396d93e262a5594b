using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Dashboard.Diagnosis;
using Dashboard.Store.Connections;
using Dashboard.Store.State;
using Dashboard.Web.Connections;
using Dashboard.Web.Data.Team;
using Vital.Introspection;

namespace Dashboard.Web.History;

/// <summary>
/// The one place where the team snapshot meets the store's own terms, both ways: a completed snapshot becomes a
/// <see cref="TeamState"/> (recorded, and compared with the next one), and a stored state becomes team users again
/// (shown at start while the first scan runs). A user's connections come from the sweep's latest reading
/// (<see cref="ConnectionReadings"/>), null while the sweep has not read them: their changes are recorded from the
/// second scan that finds a reading on, at that scan's time.
/// </summary>
internal static class TeamStateMapping
{
    /// <summary>
    /// The snapshot's team state, each user made as it is read (<see cref="MappedUsers"/>): the writer reads it in two
    /// passes and never holds a second copy of the team. The connection readings are taken now, so both passes see
    /// the same ones while the sweep goes on.
    /// </summary>
    public static TeamState ToState(TeamSnapshot snapshot, DiagnosisEngine engine, ConnectionReadings? connections = null)
    {
        var users = snapshot.Users;
        var readings = new UserConnections?[users.Count];
        if (connections is not null)
        {
            for (var i = 0; i < users.Count; i++)
            {
                readings[i] = connections.Of(users[i].UserId);
            }
        }

        return new TeamState
        {
            CompletedAt = snapshot.CompletedAt ?? snapshot.StartedAt,
            Users = new MappedUsers(users.Count, i => users[i].UserId, i => ToState(users[i], engine, readings[i])),
        };
    }

    public static UserState ToState(TeamUser user, DiagnosisEngine engine, ConnectionReadings? connections = null) =>
        ToState(user, engine, connections?.Of(user.UserId));

    private static UserState ToState(TeamUser user, DiagnosisEngine engine, UserConnections? reading)
    {
        // The user's findings as the snapshot keeps them (those the grid shows), with no second diagnosis: at 100,000
        // users the writer's two passes over the team (the payload, then the diff) diagnosed the team twice at each
        // scan. A user not diagnosed yet (a hidden rescan's, never written in the normal course) is diagnosed here.
        var (findings, headline) = user.IsDiagnosed ? (user.Findings, user.Headline) : Diagnosed(user, engine);
        return new UserState
        {
            UserId = user.UserId,
            AsOf = user.AsOf,
            Providers = user.PullProviders,
            Ongoing = user.OngoingRead ? [.. user.Ongoing.Select(ToState)] : null,
            Pulls = [.. user.Pulls.Select(ToState)],
            NotPulled = [.. user.NotPulled.Select(n => new NotPulledState(n.Provider, n.Resources))],
            Findings = [.. findings.Select(f => new FindingState(f.Code, SeverityName(f.Severity), f.Provider, f.Resource))],
            Headline = headline,
            Connections = reading is null ? null : [.. reading.Connections.Select(c => new ConnectionState(c.Provider, c.Status))],
        };
    }

    private static (ImmutableArray<TeamFinding> Findings, string Headline) Diagnosed(TeamUser user, DiagnosisEngine engine)
    {
        var diagnosis = engine.Diagnose(user.ToSources(), user.AsOf);
        return (ImmutableCollectionsMarshal.AsImmutableArray(TeamFinding.Of(diagnosis.Findings, pool: null)), diagnosis.Headline);
    }

    /// <summary>
    /// The stored user as the snapshot keeps them, with the figures their diagnosis gave when stored (no diagnosis
    /// again); null when the payload predates the stored headline or names a severity this version does not know (then
    /// <see cref="ToPulls"/> and <see cref="ToResources"/> feed a fresh diagnosis).
    /// </summary>
    public static TeamUser? FromStored(UserState user, DiagnosisEngine engine, StringPool pool)
    {
        if (user.Headline is not { } headline)
        {
            return null;
        }

        var findings = new TeamFinding[user.Findings.Count];
        for (var i = 0; i < findings.Length; i++)
        {
            var finding = user.Findings[i];
            if (!Enum.TryParse<Severity>(finding.Severity, ignoreCase: true, out var severity))
            {
                return null;
            }

            findings[i] = new TeamFinding(pool.Intern(finding.Code), severity, pool.InternOrNull(finding.Provider), pool.InternOrNull(finding.Resource));
        }

        var pulls = new CompactPull[user.Pulls.Count];
        for (var i = 0; i < pulls.Length; i++)
        {
            var pull = user.Pulls[i];
            pulls[i] = new CompactPull(
                pool.Intern(pull.Provider),
                pool.Intern(pull.Resource),
                pull.Status,
                pull.ErrorDetails,
                pull.Release,
                pull.TraceId,
                pull.DaysWithData,
                (pull.ScheduledAt, pull.StartedAt, pull.EndedAt),
                (pull.RangeStart, pull.RangeEnd),
                pool);
        }

        CompactFreshness[]? ongoing = null;
        if (user.Ongoing is { } stored)
        {
            ongoing = new CompactFreshness[stored.Count];
            for (var i = 0; i < ongoing.Length; i++)
            {
                var resource = stored[i];
                var pulled = user.Pulls.FirstOrDefault(p => p.Provider == resource.Provider && p.Resource == resource.Resource)?.Status;
                ongoing[i] = CompactFreshness.Read(
                    pool.Intern(resource.Provider),
                    pool.Intern(resource.Resource),
                    ToFreshness(resource),
                    pulled is null ? null : new PullStatus(pulled),
                    engine.Thresholds,
                    user.AsOf,
                    pool);
            }
        }

        return TeamUser.FromStored(
            user.UserId,
            pulls,
            [.. user.NotPulled.Select(n => new NotPulledEntry(pool.Intern(n.Provider), [.. n.Resources.Select(pool.Intern)]))],
            ongoing,
            [.. user.Providers.Select(pool.Intern)],
            headline,
            findings,
            user.AsOf,
            pool);
    }

    /// <summary>What Vital said of the user, back in the client's shape, for <see cref="TeamUser"/> to diagnose again.</summary>
    public static UserHistoricalPulls ToPulls(UserState user)
    {
        var providers = new Dictionary<ProviderSlug, ProviderPulls>();
        foreach (var provider in user.Providers)
        {
            providers[new ProviderSlug(provider)] = new ProviderPulls
            {
                Pulled = user.Pulls.Where(p => p.Provider == provider).ToDictionary(p => new ResourceName(p.Resource), ToPull),
                NotPulled = [.. user.NotPulled.Where(n => n.Provider == provider).SelectMany(n => n.Resources).Select(r => new ResourceName(r))],
            };
        }

        return new UserHistoricalPulls { UserId = user.UserId, Providers = providers };
    }

    /// <summary>The ongoing data back in the client's shape; null when the stored scan did not read it.</summary>
    public static UserResources? ToResources(UserState user) =>
        user.Ongoing is not { } ongoing
            ? null
            : new UserResources
            {
                UserId = user.UserId,
                Providers = ongoing.GroupBy(o => o.Provider, StringComparer.Ordinal).ToDictionary(
                    g => new ProviderSlug(g.Key),
                    g => (IReadOnlyDictionary<ResourceName, ResourceFreshness>)g.ToDictionary(o => new ResourceName(o.Resource), ToFreshness)),
            };

    public static string SeverityName(Severity severity) => severity.ToString().ToLowerInvariant();

    private static PullState ToState(CompactPull pull) => new()
    {
        Provider = pull.Provider,
        Resource = pull.Resource,
        Status = pull.Status.Value,
        ErrorDetails = pull.ErrorDetails,
        Release = pull.Release,
        TraceId = pull.TraceId,
        DaysWithData = pull.DaysWithData,
        ScheduledAt = pull.ScheduledAt,
        StartedAt = pull.StartedAt,
        EndedAt = pull.EndedAt,
        RangeStart = pull.RangeStart,
        RangeEnd = pull.RangeEnd,
    };

    private static FreshnessState ToState(CompactFreshness ongoing)
    {
        var freshness = ongoing.ToFreshness();
        return new FreshnessState
        {
            Provider = ongoing.Provider,
            Resource = ongoing.Resource,
            NewestData = freshness.NewestData,
            OldestData = freshness.OldestData,
            LastAttemptAt = freshness.LastAttempt?.Timestamp,
            LastAttemptStatus = freshness.LastAttempt?.Status.Value,
            SentCount = freshness.SentCount,
        };
    }

    private static ResourceFreshness ToFreshness(FreshnessState state) => new()
    {
        NewestData = state.NewestData,
        OldestData = state.OldestData,
        LastAttempt = state.LastAttemptStatus is { } status ? new LastAttempt(state.LastAttemptAt, new AttemptStatus(status)) : null,
        SentCount = state.SentCount,
    };

    private static HistoricalPull ToPull(PullState pull) => new()
    {
        Status = new PullStatus(pull.Status),
        RangeStart = pull.RangeStart,
        RangeEnd = pull.RangeEnd,
        DaysWithData = pull.DaysWithData,
        Timeline = new PullTimeline { ScheduledAt = pull.ScheduledAt, StartedAt = pull.StartedAt, EndedAt = pull.EndedAt },
        Release = pull.Release,
        TraceId = pull.TraceId,
        ErrorDetails = pull.ErrorDetails is null ? null : new PullErrorDetails(pull.ErrorDetails),
    };
}
