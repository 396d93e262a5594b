using Vital.Introspection;

namespace Vital.Simulator;

/// <summary>
/// Derives one user's pulls from the seed, the user's position and the team's epoch (creation time). Pure: the same
/// inputs give the same pulls, so nothing but the compact index in <see cref="SimulatedTeam"/> is kept in memory.
/// Only the <c>evolving</c> scenario also looks at the request's clock.
/// </summary>
internal static class PullGenerator
{
    private const long Second = 1;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;

    /// <summary>Share of a regular user's connections that show one problem pull, and that list not-pulled resources.</summary>
    private const double RegularIssueShare = 0.15;
    private const double RegularNotPulledShare = 0.08;

    /// <summary>Releases pulls ran on, oldest first.</summary>
    private static readonly string[] Releases =
        ["0.0.0-dev.3f9b7c1", "0.0.0-dev.a47e02d", "0.0.0-dev.dea056a", "0.0.0-dev.91c5e8b", "0.0.0-dev.cd0e262"];

    public static string CurrentRelease => Releases[^1];

    public static SimulatedUser Generate(SimulatedTeam team, int index, DateTimeOffset now)
    {
        var providers = GenerateSeeded(team, index, now);
        if (team.Updates.TryGetValue(index, out var updates))
        {
            Apply(providers, updates);
        }

        return new SimulatedUser(team.IdAt(index), providers);
    }

    /// <summary>The pulls the seed gives (runtime updates aside): what connections and ongoing data are derived from.</summary>
    public static List<SimulatedProviderPulls> GenerateSeeded(SimulatedTeam team, int index, DateTimeOffset now)
    {
        var providers = new List<SimulatedProviderPulls>();
        if (team.HasGeneratedPulls(index))
        {
            var scenario = team.ScenarioAt(index);
            var random = new DeterministicRandom(DeterministicRandom.Hash(team.SeedKey, (ulong)index, SimulatedTeam.ContentStream));
            var first = true;
            foreach (var provider in team.ProviderOrder(index))
            {
                providers.Add(GenerateConnection(provider, scenario, first, team.Epoch, now, ref random));
                first = false;
            }
        }

        return providers;
    }

    private static void Apply(List<SimulatedProviderPulls> providers, IEnumerable<KeyValuePair<(string Provider, string Resource), SimulatedPull>> updates)
    {
        foreach (var ((slug, resource), pull) in updates.OrderBy(u => u.Key.Provider, StringComparer.Ordinal).ThenBy(u => u.Key.Resource, StringComparer.Ordinal))
        {
            var entry = providers.Find(p => p.Slug == slug);
            if (entry is null)
            {
                entry = new SimulatedProviderPulls(slug, [], []);
                providers.Add(entry);
            }

            var at = entry.Pulled.FindIndex(p => p.Resource == resource);
            if (at >= 0)
            {
                entry.Pulled[at] = pull;
            }
            else
            {
                entry.Pulled.Add(pull);
            }

            entry.NotPulled.Remove(resource);
        }
    }

    private static SimulatedProviderPulls GenerateConnection(
        SimulatedProvider provider, ScenarioDefinition? scenario, bool first, DateTimeOffset epoch, DateTimeOffset now, ref DeterministicRandom random)
    {
        var isTarget = scenario is not null && first;
        var clean = scenario is not null;
        var tweak = isTarget ? scenario!.Tweak : ScenarioTweak.None;
        var catalog = provider.Resources;

        // Which resources were pulled, and which were not (no permission, or added after the user connected).
        var pulled = new List<string>(catalog.Count) { catalog[0] };
        if (scenario?.Tweak == ScenarioTweak.ManyResources)
        {
            pulled = [.. catalog];
        }
        else if (isTarget && scenario!.Shape == PullShape.Evolving)
        {
            pulled = [.. catalog.Take(3)];
        }
        else if (tweak == ScenarioTweak.ScopesDenied)
        {
            pulled = [.. catalog.Where(r => !NeedsDeniedScope(provider, r, scenario!)).Take(6)];
        }
        else
        {
            var chance = clean ? 0.5 : Math.Min(1.0, 8.0 / catalog.Count);
            var cap = clean ? 6 : catalog.Count;
            for (var r = 1; r < catalog.Count; r++)
            {
                if (random.Chance(chance) && pulled.Count < cap)
                {
                    pulled.Add(catalog[r]);
                }
            }
        }

        var remaining = catalog.Where(r => !pulled.Contains(r)).ToList();
        var notPulled = new List<string>();
        if (tweak == ScenarioTweak.NotPulled)
        {
            notPulled.AddRange(remaining.Take(2));
        }
        else if (tweak == ScenarioTweak.ScopesDenied)
        {
            notPulled.AddRange(catalog.Where(r => NeedsDeniedScope(provider, r, scenario!)));
        }
        else if (!clean && remaining.Count > 0 && random.Chance(RegularNotPulledShare))
        {
            notPulled.AddRange(remaining.Take(random.Between(1, 2)));
        }

        if (tweak == ScenarioTweak.NotPulledOnly)
        {
            return new SimulatedProviderPulls(provider.Slug, [], pulled);
        }

        if (tweak == ScenarioTweak.UnknownResource)
        {
            pulled.Add(ProviderCatalog.UnknownResourceName);
        }

        // At most one problem per connection: the scenario's, or now and then a regular one.
        var shapes = new PullShape[pulled.Count];
        var details = new string?[pulled.Count];
        if (isTarget && scenario!.Shape == PullShape.Evolving)
        {
            Array.Fill(shapes, PullShape.Evolving);
        }
        else if (isTarget)
        {
            shapes[0] = scenario!.Shape;
            details[0] = scenario.ErrorDetails;
        }
        else if (!clean && random.Chance(RegularIssueShare))
        {
            var at = random.Next(pulled.Count);
            (shapes[at], details[at]) = DrawRegularIssue(provider.WindowFor(pulled[at]), ref random);
        }

        var issue = shapes.FirstOrDefault(s => s != PullShape.Healthy);
        var oneDay = tweak == ScenarioTweak.OneDayWindow || (!clean && provider.Slug == "dexcom" && random.Chance(0.5));
        var withMicroseconds = random.Chance(0.4);
        var release = Releases[random.Next(Releases.Length)];
        var scheduledAt = issue == PullShape.Evolving
            ? epoch.AddSeconds(-10)
            : Microseconds(epoch.AddSeconds(-AgeSeconds(issue, ref random)), withMicroseconds, ref random);

        var result = new List<SimulatedPull>(pulled.Count);
        for (var r = 0; r < pulled.Count; r++)
        {
            var context = new PullContext(
                pulled[r], oneDay ? 1 : provider.WindowFor(pulled[r]), scheduledAt, epoch, now, release, withMicroseconds, r);
            result.Add(Build(context, shapes[r], details[r], ref random));
        }

        return new SimulatedProviderPulls(provider.Slug, result, notPulled);
    }

    private static bool NeedsDeniedScope(SimulatedProvider provider, string resource, ScenarioDefinition scenario) =>
        ProviderProfiles.RequiredScopeOf(provider.Slug, resource) == scenario.DeniedScope;

    private static (PullShape Shape, string? Details) DrawRegularIssue(int window, ref DeterministicRandom random)
    {
        var x = random.Next(100);
        return x switch
        {
            < 20 => (PullShape.Failure, random.Chance(0.7) ? random.Pick(PullErrorDetails.Permanent).Value : null),
            < 35 => (PullShape.Retrying, random.Pick(PullErrorDetails.Retriable).Value),
            < 45 => (PullShape.ScheduledRecent, null),
            < 50 => (PullShape.ScheduledStuck, null),
            < 60 => (PullShape.InProgressRecent, null),
            < 65 => (PullShape.InProgressStuck, null),
            < 80 => (PullShape.SuccessNoData, null),
            _ => (window >= 3 ? PullShape.LowCoverage : PullShape.SuccessNoData, null),
        };
    }

    /// <summary>How long before the epoch the connection's pulls were scheduled: in-motion ones recently, stuck ones clearly long ago.</summary>
    private static long AgeSeconds(PullShape issue, ref DeterministicRandom random) => issue switch
    {
        PullShape.Failure or PullShape.LegacyError => random.Between(1 * Day, 200 * Day),
        PullShape.Retrying => random.Between(15 * Minute, 3 * Hour),
        PullShape.ScheduledStuck => random.Between(7 * Hour, 20 * Hour),
        PullShape.ScheduledRecent => random.Between(2 * Minute, 30 * Minute),
        PullShape.InProgressStuck => random.Between(30 * Hour, 5 * Day),
        PullShape.InProgressRecent => random.Between(5 * Minute, 2 * Hour),
        PullShape.UnknownStatus => random.Between(1 * Hour, 3 * Day),
        PullShape.GarminFresh => random.Between(20 * Minute, 3 * Hour),
        _ => random.Between(2 * Day, 400 * Day),
    };

    private readonly record struct PullContext(
        string Resource, int Window, DateTimeOffset ScheduledAt, DateTimeOffset Epoch, DateTimeOffset Now, string Release, bool WithMicroseconds, int Position);

    private static SimulatedPull Build(PullContext c, PullShape shape, string? errorDetails, ref DeterministicRandom random)
    {
        // Every pull draws the same values in the same order, whatever its shape, so one pull's shape never shifts another's numbers.
        var rangeEnd = new DateTimeOffset(c.ScheduledAt.UtcDateTime.Date, TimeSpan.Zero);
        var rangeStart = rangeEnd.AddDays(-c.Window);
        var startedAt = Microseconds(c.ScheduledAt.AddSeconds(random.Between(1, 10)), c.WithMicroseconds, ref random);
        var untilEpoch = Math.Max(1, (long)(c.Epoch - startedAt).TotalSeconds * 9 / 10);
        var duration = random.Between(Math.Min(20, untilEpoch), Math.Min(30 * Minute, untilEpoch));
        var endedAt = Microseconds(startedAt.AddSeconds(duration), c.WithMicroseconds, ref random);
        var coverage = 0.7 + (random.NextDouble() * 0.3);
        var partial = random.NextDouble() * 0.5;
        var lowShare = 0.1 + (random.NextDouble() * 0.3);
        var writeNullEndedAt = random.Chance(0.75);
        var traceId = random.NextHex32();
        var endedEarly = random.Chance(0.5);
        var earlyStart = random.Between(5, 120);
        var freshDays = random.Between(1, 3);

        var healthyDays = Math.Clamp((int)Math.Round(c.Window * coverage), 1, c.Window);
        var partialDays = (int)(c.Window * partial);
        var success = new SimulatedPull
        {
            Resource = c.Resource,
            Status = "success",
            RangeStart = rangeStart,
            RangeEnd = rangeEnd,
            ScheduledAt = c.ScheduledAt,
            StartedAt = startedAt,
            EndedAt = endedAt,
            DaysWithData = healthyDays,
            Release = c.Release,
            TraceId = traceId,
        };
        var running = success with { Status = "in_progress", EndedAt = null, WriteEndedAt = writeNullEndedAt, DaysWithData = partialDays };
        var waiting = success with
        {
            Status = "scheduled",
            RangeStart = null,
            RangeEnd = null,
            StartedAt = null,
            EndedAt = null,
            WriteEndedAt = writeNullEndedAt,
            DaysWithData = 0,
            TraceId = null,
        };

        return shape switch
        {
            PullShape.Healthy => success,
            PullShape.Failure => success with { Status = "failure", DaysWithData = endedEarly ? 0 : partialDays, ErrorDetails = errorDetails },
            PullShape.LegacyError => success with { Status = "error", EndedAt = startedAt.AddSeconds(1), DaysWithData = 0 },
            PullShape.Retrying => running with
            {
                Status = "retrying",
                EndedAt = endedEarly ? startedAt.AddSeconds(3) : null,
                WriteEndedAt = endedEarly || writeNullEndedAt,
                ErrorDetails = errorDetails,
            },
            PullShape.ScheduledStuck or PullShape.ScheduledRecent => waiting,
            PullShape.InProgressStuck or PullShape.InProgressRecent => running,
            PullShape.SuccessNoData => success with { DaysWithData = 0 },
            PullShape.LowCoverage => success with { DaysWithData = LowCoverageDays(c.Window, lowShare) },
            PullShape.UnknownStatus => running with { Status = ScenarioNames.UnknownStatusValue },
            PullShape.OutOfOrder => success with { StartedAt = c.ScheduledAt.AddSeconds(-earlyStart) },
            PullShape.SuccessWithoutEndedAt => success with { EndedAt = null, WriteEndedAt = false },
            PullShape.GarminFresh => success with { EndedAt = startedAt.AddSeconds(3), DaysWithData = Math.Min(freshDays, c.Window) },
            PullShape.Evolving => Evolve(c, success, waiting, running),
            _ => success,
        };
    }

    /// <summary>Under half the window's days, but some.</summary>
    private static int LowCoverageDays(int window, double share)
    {
        var days = Math.Max(1, (int)(window * share));
        return days * 2 < window ? days : Math.Max(1, (window - 1) / 2);
    }

    /// <summary>
    /// The <c>evolving</c> user: scheduled at the epoch, in progress from a minute after it, done four minutes after
    /// it (each resource a little later than the one before), measured against the request's clock.
    /// </summary>
    private static SimulatedPull Evolve(PullContext c, SimulatedPull success, SimulatedPull waiting, SimulatedPull running)
    {
        var startAt = c.Epoch.AddSeconds(60 + (5 * c.Position));
        var endAt = c.Epoch.AddSeconds(240 + (20 * c.Position));
        var finalDays = Math.Max(1, c.Window * 9 / 10);
        if (c.Now < startAt)
        {
            return waiting with { WriteEndedAt = true };
        }

        if (c.Now < endAt)
        {
            var progress = (c.Now - startAt) / (endAt - startAt);
            return running with { StartedAt = startAt, EndedAt = null, WriteEndedAt = true, DaysWithData = (int)(finalDays * progress) };
        }

        return success with { StartedAt = startAt, EndedAt = endAt, DaysWithData = finalDays };
    }

    /// <summary>Some connections' timestamps carry microseconds (Python's isoformat then prints them), others are whole seconds.</summary>
    private static DateTimeOffset Microseconds(DateTimeOffset value, bool withMicroseconds, ref DeterministicRandom random)
    {
        var micros = random.Between(0, 999_999);
        var whole = new DateTimeOffset(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return withMicroseconds ? whole.AddTicks(micros * 10L) : whole;
    }
}
