using Dashboard.Diagnosis;
using Vital.Introspection;

namespace Dashboard.Web.Data.Team;

/// <summary>
/// What an incomplete scan keeps from the snapshot shown before it, so giving up on a walk never drops users
/// silently: a user the scan did not reach who was on a provider it could not read comes back as that snapshot
/// showed them; a user it did reach gets that provider's pulls (or ongoing data) from that snapshot when the unread
/// walk held them. Users whose every provider was read are taken as read: one missing from those walks has left the
/// team. With nothing shown before (the first scan) nothing can be kept, and the snapshot's gaps say what is missing.
/// </summary>
internal static class SnapshotCarryOver
{
    /// <summary>Adds what <paramref name="previous"/> knew beyond the gaps to <paramref name="scanned"/>; returns how many users it touched.</summary>
    public static int Apply(TeamSnapshot? previous, TeamSnapshot scanned, IReadOnlyList<ScanGap> gaps, DiagnosisEngine engine, StringPool pool)
    {
        if (previous is null || gaps.Count == 0)
        {
            return 0;
        }

        var wholeTeamPulls = gaps.Any(g => g.Provider is null && g.Walk == TeamWalk.Pulls);
        var wholeTeamOngoing = gaps.Any(g => g.Provider is null && g.Walk == TeamWalk.Resources);
        var unreadPulls = gaps.Where(g => g.Provider is not null && g.Walk == TeamWalk.Pulls).Select(g => g.Provider!.Value.Value).ToHashSet(StringComparer.Ordinal);
        var unreadOngoing = gaps.Where(g => g.Provider is not null && g.Walk == TeamWalk.Resources).Select(g => g.Provider!.Value.Value).ToHashSet(StringComparer.Ordinal);

        var carried = 0;
        foreach (var old in previous.Users)
        {
            if (!scanned.TryGet(old.UserId, out var user))
            {
                if (wholeTeamPulls || old.Providers.Any(p => unreadPulls.Contains(p) || unreadOngoing.Contains(p)))
                {
                    scanned.Upsert(old);
                    carried++;
                }

                continue;
            }

            var kept = user;
            if (unreadPulls.Count > 0 && old.PullProviders.Any(unreadPulls.Contains))
            {
                var missingPulls = old.ToPulls().Providers
                    .Where(p => unreadPulls.Contains(p.Key.Value) && !user.PullProviders.Contains(p.Key.Value, StringComparer.Ordinal))
                    .ToDictionary(p => p.Key, p => p.Value);
                if (missingPulls.Count > 0)
                {
                    kept = kept.MergeWith(new UserHistoricalPulls { UserId = user.UserId, Providers = missingPulls }, engine, old.AsOf, pool);
                }
            }

            if ((wholeTeamOngoing || (unreadOngoing.Count > 0 && old.Providers.Any(unreadOngoing.Contains))) && old.ToResources() is { } ongoing)
            {
                var missingOngoing = ongoing.Providers
                    .Where(p => (wholeTeamOngoing && !kept.OngoingRead) || (unreadOngoing.Contains(p.Key.Value) && !kept.Ongoing.Any(o => o.Provider == p.Key.Value)))
                    .ToDictionary(p => p.Key, p => p.Value);
                if (missingOngoing.Count > 0)
                {
                    kept = kept.WithOngoing(new UserResources { UserId = user.UserId, Providers = missingOngoing }, engine, old.AsOf, pool);
                }
            }

            if (!ReferenceEquals(kept, user))
            {
                scanned.Upsert(kept);
                carried++;
            }
        }

        return carried;
    }
}
