using System.Globalization;

namespace Vital.Simulator;

/// <summary>
/// Derives a user's account (the user object, its connections and their ongoing data) from the seed, the user's
/// position, the team's epoch and the user's seeded pulls. Pure, like <see cref="PullGenerator"/>, and drawn from
/// streams of its own, so the pulls stay exactly what they were. Connections are the user's providers, created just
/// before their pulls were scheduled; resource availability and ongoing data follow the pulls (a not-pulled resource
/// may be unavailable for a denied scope; a pull not started yet has no data).
/// <para>
/// What happened once (creation times, pulls) is anchored to the epoch, like the pulls; what keeps happening (the
/// ongoing data, connection errors, ingestion bounds) to <see cref="OngoingAnchor"/>, which follows the clock hour by
/// hour: a host that runs for days still shows fresh data for healthy users, and answers stay the same within an hour.
/// </para>
/// </summary>
internal static class AccountGenerator
{
    private const long Minute = 60;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;

    // Regular users' shares, per connection with pulls (polling providers unless said otherwise).
    private const double ErrorShare = 0.025;
    private const double UnknownStatusShare = 0.005;
    private const double StaleShare = 0.035;
    private const double LastAttemptFailedShare = 0.02;
    private const double PushErrorShare = 0.02;
    private const double PushStaleShare = 0.03;
    private const double SdkStaleShare = 0.04;
    private const double SdkDelayedShare = 0.16;
    private const double DenyRequiredShare = 0.5;
    private const double DenyOptionalShare = 0.25;

    // Regular users' shares, per user with connections; a future start only for users whose connection is still pending.
    private const double PausedShare = 0.008;
    private const double PastEndShare = 0.012;
    private const double PastStartShare = 0.05;
    private const double FutureStartShareOfPending = 0.25;
    private const double TimeZoneShare = 0.6;
    private const double BirthDateShare = 0.3;

    private static readonly string[] TimeZones =
    [
        "Europe/London", "Europe/Berlin", "Europe/Paris", "America/New_York", "America/Chicago", "America/Los_Angeles",
        "America/Sao_Paulo", "Asia/Tokyo", "Asia/Singapore", "Asia/Kolkata", "Australia/Sydney",
    ];

    /// <summary>Resources reported many times a day (a time series); the others about once a day.</summary>
    private static readonly HashSet<string> Series = ["heartrate", "glucose", "steps", "calories_active", "distance", "workout_stream"];

    private const string FitbitAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>The epoch, then each full hour of the clock after it.</summary>
    public static DateTimeOffset OngoingAnchor(DateTimeOffset epoch, DateTimeOffset now)
    {
        var hour = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        return hour > epoch ? hour : epoch;
    }

    public static SimulatedAccount Generate(SimulatedTeam team, int index, DateTimeOffset now)
    {
        var epoch = team.Epoch;
        var anchor = OngoingAnchor(epoch, now);
        var scenario = team.ScenarioAt(index);
        var pulls = PullGenerator.GenerateSeeded(team, index, now);
        var providers = team.ProviderOrder(index).ToList();

        // Every draw in a fixed order, whatever the user turns out to be.
        var random = Random(team, index, SimulatedTeam.ProfileStream);
        var ingestionRoll = random.NextDouble();
        var futureRoll = random.NextDouble();
        var pausedEndDays = random.Between(8, 60);
        var pastEndDays = random.Between(1, 6);
        var futureStartDays = random.Between(2, 30);
        var pastStartDays = random.Between(0, 365);
        var userLead = random.Between(1 * Minute, 20 * Day);
        var loneAge = random.Between(1 * Day, 300 * Day);
        var hasTimeZone = random.Chance(TimeZoneShare);
        var timeZone = random.Pick(TimeZones);
        var zoneFromProvider = random.Chance(0.5);
        var zoneLag = random.Between(0, 3 * Day);
        var hasBirthDate = random.Chance(BirthDateShare);
        var birthDay = random.Between(0, 56 * 365);
        var birthLag = random.Between(0, 1 * Day);

        var ingestion = scenario?.Ingestion ?? DrawIngestion(providers.Count > 0, team.HasGeneratedPulls(index), ingestionRoll, futureRoll);
        var today = DateOnly.FromDateTime(anchor.UtcDateTime);
        DateOnly? end = ingestion switch
        {
            IngestionSituation.PausedAfterEnd => today.AddDays(-pausedEndDays),
            IngestionSituation.PastEnd => today.AddDays(scenario is null ? -pastEndDays : -2), // the scenario's data is not stale yet
            _ => null,
        };

        var connections = new List<SimulatedConnection>(providers.Count);
        for (var k = 0; k < providers.Count; k++)
        {
            var provider = providers[k];
            var situation = scenario is null ? (ConnectionSituation?)null : k == 0 ? scenario.Connection : ConnectionSituation.Healthy;
            var context = new ConnectionContext(team, index, anchor, provider, pulls.Find(p => p.Slug == provider.Slug), situation, ingestion, end);
            connections.Add(Connect(context));
        }

        var createdOn = connections.Count > 0
            ? connections.Min(c => c.CreatedOn).AddSeconds(-userLead)
            : epoch.AddSeconds(-loneAge);
        var createdDay = DateOnly.FromDateTime(createdOn.UtcDateTime);
        DateOnly? start = ingestion switch
        {
            IngestionSituation.PastStart => createdDay.AddDays(-pastStartDays),
            IngestionSituation.FutureStart => today.AddDays(futureStartDays),
            _ => null,
        };

        var zoneSource = zoneFromProvider && connections.Count > 0 ? connections[0].Provider.Slug : "manual";
        return new SimulatedAccount(
            team.IdAt(index),
            ClientUserIds.Of(team, index),
            createdOn,
            hasTimeZone ? new SimulatedFallback(timeZone, zoneSource, Min(createdOn.AddSeconds(zoneLag), epoch)) : null,
            hasBirthDate
                ? new SimulatedFallback(new DateOnly(1950, 1, 1).AddDays(birthDay).ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture), "manual", Min(createdOn.AddSeconds(birthLag), epoch))
                : null,
            start,
            end,
            connections);
    }

    private static IngestionSituation DrawIngestion(bool hasConnections, bool hasPulls, double roll, double futureRoll)
    {
        if (hasConnections && !hasPulls)
        {
            return futureRoll < FutureStartShareOfPending ? IngestionSituation.FutureStart : IngestionSituation.None;
        }

        if (!hasConnections)
        {
            return roll < PastStartShare ? IngestionSituation.PastStart : IngestionSituation.None;
        }

        return roll switch
        {
            < PausedShare => IngestionSituation.PausedAfterEnd,
            < PausedShare + PastEndShare => IngestionSituation.PastEnd,
            < PausedShare + PastEndShare + PastStartShare => IngestionSituation.PastStart,
            _ => IngestionSituation.None,
        };
    }

    /// <summary>One connection to derive; <c>Situation</c> is the scenario's for it, or null for a regular user (then drawn).</summary>
    private readonly record struct ConnectionContext(
        SimulatedTeam Team, int Index, DateTimeOffset Anchor, SimulatedProvider Provider, SimulatedProviderPulls? Pulls, ConnectionSituation? Situation, IngestionSituation Ingestion, DateOnly? IngestionEnd);

    private static SimulatedConnection Connect(ConnectionContext c)
    {
        var epoch = c.Team.Epoch;
        var provider = c.Provider;
        var random = Random(c.Team, c.Index, SimulatedTeam.ConnectionStateStream + ((ulong)provider.Index << 8));
        var situationRoll = random.NextDouble();
        var denyRoll = random.NextDouble();
        var optionalRoll = random.NextDouble();
        var errorRoll = random.Next(100);
        var errorAge = random.Between(6 * Hour, 20 * Day);
        var scenarioErrorAge = random.Between(6 * Hour, 30 * Hour);
        var createdLead = random.Between(2, 90);
        var pendingAge = random.Between(5 * Minute, 6 * Hour);
        var orphanAge = random.Between(1 * Day, 90 * Day);
        var externalUserId = ExternalUserId(provider, ref random);

        var pulled = c.Pulls?.Pulled ?? [];
        var hasPulls = c.Pulls is not null;
        var situation = c.Situation ?? (hasPulls ? Draw(provider.Kind, situationRoll) : ConnectionSituation.Healthy);
        var createdOn = pulled.Count > 0
            ? pulled.Min(p => p.ScheduledAt).AddSeconds(-createdLead)
            : epoch.AddSeconds(-(hasPulls ? orphanAge : pendingAge));

        var paused = c.Ingestion == IngestionSituation.PausedAfterEnd;
        var status = paused ? SimulatedConnection.Paused : situation switch
        {
            ConnectionSituation.Error => SimulatedConnection.Errored,
            ConnectionSituation.UnknownStatus => ScenarioNames.UnknownConnectionStatusValue,
            _ => SimulatedConnection.Connected,
        };

        SimulatedConnectionError? error = null;
        if (status == SimulatedConnection.Errored)
        {
            var type = c.Team.ScenarioAt(c.Index)?.ConnectionErrorType ?? ConnectionErrorTypes.Draw(provider.Kind, errorRoll);
            var erroredAt = Min(Max(c.Anchor.AddSeconds(-(c.Situation is null ? errorAge : scenarioErrorAge)), createdOn.AddHours(1)), c.Anchor);
            error = new SimulatedConnectionError(type, ConnectionErrorTypes.MessageFor(type, provider.Name), erroredAt);
        }

        // A regular user may deny the scopes of not-pulled resources (never one a pulled resource needs), whatever else the
        // connection shows; scenario users deny only when that is their situation, and never an optional scope.
        var denyRequired = c.Situation is { } s ? s == ConnectionSituation.ScopesDenied : denyRoll < DenyRequiredShare;
        var denyOptional = c.Situation is null && optionalRoll < DenyOptionalShare;
        var listed = hasPulls ? [.. pulled.Select(p => p.Resource), .. c.Pulls!.NotPulled] : provider.Resources.ToList();
        var denied = denyRequired && hasPulls
            ? c.Pulls!.NotPulled.Select(r => ProviderProfiles.RequiredScopeOf(provider.Slug, r)).OfType<string>()
                .Except(pulled.Select(p => ProviderProfiles.RequiredScopeOf(provider.Slug, p.Resource)).OfType<string>())
                .ToHashSet(StringComparer.Ordinal)
            : [];
        var availability = listed.Distinct(StringComparer.Ordinal).Select(r => Availability(provider, r, denied, denyOptional)).ToList();

        var data = new List<SimulatedResourceData>(pulled.Count);
        var dataContext = new DataContext(c, createdOn, situation, status, error?.ErroredAt, c.Team.Refreshes.TryGetValue(c.Index, out var refreshed) ? refreshed : null);
        if (pulled.Count == 0)
        {
            data.Add(Refreshed(dataContext, new SimulatedResourceData(provider.Resources[0], null, null, null, null)));
        }

        for (var r = 0; r < pulled.Count; r++)
        {
            data.Add(Refreshed(dataContext, Data(dataContext, pulled[r], r)));
        }

        return new SimulatedConnection(provider, createdOn, status, externalUserId, error, availability, data);
    }

    private static ConnectionSituation Draw(ProviderKind kind, double x) => kind switch
    {
        ProviderKind.OAuth or ProviderKind.Password => x switch
        {
            < ErrorShare => ConnectionSituation.Error,
            < ErrorShare + UnknownStatusShare => ConnectionSituation.UnknownStatus,
            < ErrorShare + UnknownStatusShare + StaleShare => ConnectionSituation.Stale,
            < ErrorShare + UnknownStatusShare + StaleShare + LastAttemptFailedShare => ConnectionSituation.LastAttemptFailed,
            _ => ConnectionSituation.Healthy,
        },
        ProviderKind.Push => x switch
        {
            < PushErrorShare => ConnectionSituation.Error,
            < PushErrorShare + PushStaleShare => ConnectionSituation.Stale,
            _ => ConnectionSituation.Healthy,
        },
        ProviderKind.MobileSdk => x switch
        {
            < SdkStaleShare => ConnectionSituation.Stale,
            < SdkStaleShare + SdkDelayedShare => ConnectionSituation.SyncDelayed,
            _ => ConnectionSituation.Healthy,
        },
        _ => ConnectionSituation.Healthy,
    };

    private static SimulatedAvailability Availability(SimulatedProvider provider, string resource, HashSet<string> denied, bool denyOptional)
    {
        var scope = ProviderProfiles.RequiredScopeOf(provider.Slug, resource);
        if (scope is null)
        {
            return new SimulatedAvailability(resource, true, null);
        }

        var isDenied = denied.Contains(scope);
        var optional = ProviderProfiles.OptionalScopeOf(provider.Slug);
        string[] granted = optional is null || denyOptional ? [] : [optional];
        string[] refused = optional is not null && denyOptional ? [optional] : [];
        return new SimulatedAvailability(
            resource,
            !isDenied,
            new SimulatedScopes(isDenied ? [] : [scope], granted, isDenied ? [scope] : [], refused));
    }

    private readonly record struct DataContext(
        ConnectionContext Connection, DateTimeOffset CreatedOn, ConnectionSituation Situation, string Status, DateTimeOffset? ErroredAt, DateTimeOffset? RefreshedAt);

    private static SimulatedResourceData Data(DataContext d, SimulatedPull pull, int position)
    {
        var c = d.Connection;
        var anchor = c.Anchor;
        var random = Random(c.Team, c.Index, SimulatedTeam.ResourceStream + ((ulong)c.Provider.Index << 8) + ((ulong)position << 16));
        var lag = random.Between(15 * Minute, 4 * Hour);
        var sdkLag = random.Between(10 * Minute, 6 * Hour);
        var delayedLag = random.Between((12 * Hour) + (30 * Minute), 40 * Hour);
        var scenarioDelay = random.Between((13 * Hour) + (30 * Minute), (14 * Hour) + (30 * Minute));
        var staleLag = random.Between(4 * Day, 30 * Day);
        var scenarioStale = random.Between((9 * Day) + (18 * Hour), (10 * Day) + (6 * Hour));
        var attemptAgo = random.Between(2 * Minute, 55 * Minute);
        var ingestLag = random.Between(0, 20 * Minute);
        var oldestLagDays = random.Between(0, 3);
        var coverage = 0.7 + (random.NextDouble() * 0.3);
        var micros = random.Between(0, 999_999);
        var withMicros = random.Chance(0.4);

        if (pull.StartedAt is null)
        {
            return new SimulatedResourceData(pull.Resource, null, null, null, null); // not started: never attempted
        }

        var isScenario = c.Situation is not null;
        var firstFails = d.Situation == ConnectionSituation.LastAttemptFailed && position == 0;
        DateTimeOffset? newest = c.IngestionEnd is { } end && c.Ingestion is IngestionSituation.PastEnd or IngestionSituation.PausedAfterEnd
            ? EndOfDay(end).AddSeconds(-lag)
            : c.Ingestion == IngestionSituation.FutureStart ? null
            : d.Situation switch
            {
                ConnectionSituation.Error => d.ErroredAt!.Value.AddSeconds(-lag),
                ConnectionSituation.Stale => anchor.AddSeconds(-(isScenario ? scenarioStale : staleLag)),
                ConnectionSituation.SyncDelayed => anchor.AddSeconds(-(isScenario ? scenarioDelay : delayedLag)),
                _ when firstFails => anchor.AddSeconds(-4 * lag),
                _ => anchor.AddSeconds(-(c.Provider.Kind == ProviderKind.MobileSdk ? sdkLag : lag)),
            };
        if (pull.DaysWithData == 0)
        {
            newest = null;
        }

        DateTimeOffset? oldest = null;
        int? sent = 0;
        if (newest is { } n)
        {
            var first = Midnight(pull.RangeStart ?? n.AddDays(-c.Provider.WindowFor(pull.Resource))).AddDays(oldestLagDays);
            oldest = Min(first, Midnight(n));
            sent = Math.Max(1, (int)((n - oldest.Value).TotalDays * (Series.Contains(pull.Resource) ? 24 : 1) * coverage));
        }

        SimulatedAttempt? attempt;
        if (c.Provider.IsPolling)
        {
            attempt = d.Status switch
            {
                SimulatedConnection.Errored => new(d.ErroredAt!.Value.AddSeconds(-ingestLag - Minute), true),
                SimulatedConnection.Paused => new(EndOfDay(c.IngestionEnd!.Value).AddDays(7).AddSeconds(-attemptAgo), true),
                _ => new(anchor.AddSeconds(-attemptAgo), !firstFails),
            };
        }
        else
        {
            // Push and SDK providers: the last ingestion, a little after the newest data arrived.
            attempt = newest is { } pushed ? new(Min(pushed.AddSeconds(ingestLag), anchor), true) : null;
        }

        if (attempt is { } a && withMicros)
        {
            attempt = a with { Timestamp = Min(a.Timestamp.AddTicks(micros * 10L), anchor) };
        }

        // No poll before the connection existed (a connection made minutes before the simulator started).
        if (attempt is { } made && made.Timestamp < d.CreatedOn)
        {
            attempt = made with { Timestamp = d.CreatedOn };
        }

        return new SimulatedResourceData(pull.Resource, attempt, oldest, newest, sent);
    }

    /// <summary>A manual refresh polls a polling provider's connected resources now (and fails on an errored connection).</summary>
    private static SimulatedResourceData Refreshed(DataContext d, SimulatedResourceData data)
    {
        var refreshable = d.Connection.Provider.IsPolling && d.Status is SimulatedConnection.Connected or SimulatedConnection.Errored;
        return d.RefreshedAt is { } at && refreshable && (data.LastAttempt is null || data.LastAttempt.Value.Timestamp < at)
            ? data with { LastAttempt = new SimulatedAttempt(at, d.Status == SimulatedConnection.Connected) }
            : data;
    }

    /// <summary>The provider's id for the user: provider-specific for OAuth, an email for password providers, none for the SDK's.</summary>
    private static string? ExternalUserId(SimulatedProvider provider, ref DeterministicRandom random)
    {
        var a = random.NextUInt64();
        var b = random.NextUInt64();
        return provider.Kind switch
        {
            ProviderKind.MobileSdk or ProviderKind.Manual => null,
            ProviderKind.Password => string.Create(CultureInfo.InvariantCulture, $"member{a % 1_000_000:D6}@example.net"),
            ProviderKind.Push => new Guid(unchecked((int)a), (short)(a >> 32), (short)(a >> 48), BitConverter.GetBytes(b)).ToString("D"),
            _ => provider.Slug switch
            {
                "fitbit" => string.Create(6, a, static (span, v) =>
                {
                    for (var i = 0; i < span.Length; i++)
                    {
                        span[i] = FitbitAlphabet[(int)(v >> (i * 5) & 31)];
                    }
                }),
                "google_fit" or "google_health" => string.Create(CultureInfo.InvariantCulture, $"1{a % 10_000_000_000:D10}{b % 10_000_000_000:D10}"),
                "whoop" or "whoop_v2" or "strava" or "withings" or "polar" => (10_000_000 + (a % 90_000_000)).ToString(CultureInfo.InvariantCulture),
                "oura" => a.ToString("x8", CultureInfo.InvariantCulture)[..8],
                _ => a.ToString("x16", CultureInfo.InvariantCulture)[..12],
            },
        };
    }

    private static DeterministicRandom Random(SimulatedTeam team, int index, ulong stream) =>
        new(DeterministicRandom.Hash(team.SeedKey, (ulong)index, stream));

    private static DateTimeOffset Midnight(DateTimeOffset value) => new(value.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>The first moment after a date: data up to the end of <paramref name="day"/> is inside the bounds.</summary>
    private static DateTimeOffset EndOfDay(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
