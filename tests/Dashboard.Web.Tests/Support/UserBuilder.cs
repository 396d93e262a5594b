using Vital.Introspection;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// One user's pulls. Times default to a plausible timeline for the status: finished pulls ended an hour ago,
/// pulls in motion started minutes ago, so nothing is "stuck" unless a test says so.
/// </summary>
internal sealed class UserBuilder(string userId)
{
    private readonly Dictionary<string, (Dictionary<ResourceName, HistoricalPull> Pulled, List<ResourceName> NotPulled)> _providers = new(StringComparer.Ordinal);

    public UserBuilder Pull(
        string provider,
        string resource,
        string status,
        DateTimeOffset? scheduled = null,
        DateTimeOffset? started = null,
        DateTimeOffset? ended = null,
        DateTimeOffset? rangeStart = null,
        DateTimeOffset? rangeEnd = null,
        int? daysWithData = null,
        string? traceId = "51cc7d2d3b8f4e6a9c0d1e2f3a4b5c6d",
        string? release = "0.0.0-dev.cd0e262",
        string? errorDetails = null,
        bool noRange = false,
        bool noStart = false)
    {
        var now = TestPulls.Now;
        var finished = status is "success" or "failure" or "error";
        var scheduledAt = scheduled ?? (finished ? now.AddHours(-2) : now.AddMinutes(-10));
        var startedAt = noStart ? null : started ?? (status == "scheduled" ? null : finished ? now.AddHours(-2).AddMinutes(1) : now.AddMinutes(-5));
        var endedAt = ended ?? (finished ? now.AddHours(-1) : null);
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var start = noRange ? null : rangeStart ?? (status == "scheduled" ? null : midnight.AddDays(-30));
        var end = noRange ? null : rangeEnd ?? (status == "scheduled" ? null : midnight);
        var entry = Entry(provider);
        entry.Pulled[new ResourceName(resource)] = new HistoricalPull
        {
            Status = new PullStatus(status),
            RangeStart = start,
            RangeEnd = end,
            DaysWithData = daysWithData ?? (status == "success" ? 30 : 0),
            Timeline = new PullTimeline { ScheduledAt = scheduledAt, StartedAt = startedAt, EndedAt = endedAt },
            TraceId = traceId,
            Release = release,
            ErrorDetails = errorDetails is null ? null : new PullErrorDetails(errorDetails),
        };
        return this;
    }

    public UserBuilder NotPulled(string provider, params string[] resources)
    {
        Entry(provider).NotPulled.AddRange(resources.Select(r => new ResourceName(r)));
        return this;
    }

    public UserHistoricalPulls Build() => new()
    {
        UserId = userId,
        Providers = _providers.ToDictionary(
            p => new ProviderSlug(p.Key),
            p => new ProviderPulls { Pulled = p.Value.Pulled, NotPulled = [.. p.Value.NotPulled] }),
    };

    public static implicit operator UserHistoricalPulls(UserBuilder builder) => builder.Build();

    private (Dictionary<ResourceName, HistoricalPull> Pulled, List<ResourceName> NotPulled) Entry(string provider)
    {
        if (!_providers.TryGetValue(provider, out var entry))
        {
            entry = (new Dictionary<ResourceName, HistoricalPull>(), []);
            _providers[provider] = entry;
        }

        return entry;
    }
}
