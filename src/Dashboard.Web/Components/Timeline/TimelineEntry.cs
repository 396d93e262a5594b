using Dashboard.Diagnosis;
using Vital.Introspection;

namespace Dashboard.Web.Components.Timeline;

/// <summary>One provider/resource pull as the timeline needs it: who, what status, and its times (UTC).</summary>
public sealed record TimelineEntry
{
    /// <summary>The provider slug, verbatim.</summary>
    public required string Provider { get; init; }

    /// <summary>The resource name, verbatim.</summary>
    public required string Resource { get; init; }

    /// <summary>"Oura"; defaults to the slug.</summary>
    public string ProviderDisplayName { get => field ?? Provider; init; }

    /// <summary>"heart rate"; defaults to the resource name.</summary>
    public string ResourceDisplayName { get => field ?? Resource; init; }

    /// <summary>The upstream status, verbatim.</summary>
    public required PullStatus Status { get; init; }

    public DateTimeOffset? ScheduledAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public DateTimeOffset? RangeStart { get; init; }

    public DateTimeOffset? RangeEnd { get; init; }

    public int DaysWithData { get; init; }

    /// <summary>Whole days in the range; defaults to <see cref="RangeDayCounter.Count"/>, null without a positive range.</summary>
    public int? DaysInRange { get => field ?? RangeDayCounter.Count(RangeStart, RangeEnd); init; }

    /// <summary>"oura/sleep": what <c>SelectedKey</c> and <c>OnSelect</c> carry.</summary>
    public string Key => KeyOf(Provider, Resource);

    /// <summary>"Oura · sleep".</summary>
    public string Label => $"{ProviderDisplayName} · {ResourceDisplayName}";

    /// <summary>The key of a provider/resource pair: "provider/resource".</summary>
    public static string KeyOf(string provider, string resource) => $"{provider}/{resource}";

    /// <summary>The entry of a pulled resource (one with a <see cref="ResourceDiagnosis.Status"/>).</summary>
    public static TimelineEntry From(ProviderDiagnosis provider, ResourceDiagnosis resource)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(resource);
        var status = resource.Status ?? throw new ArgumentException("A resource without a historical pull has no timeline.", nameof(resource));

        return new TimelineEntry
        {
            Provider = provider.Provider,
            Resource = resource.Resource,
            ProviderDisplayName = provider.DisplayName,
            ResourceDisplayName = resource.DisplayName,
            Status = status,
            ScheduledAt = resource.ScheduledAt,
            StartedAt = resource.StartedAt,
            EndedAt = resource.EndedAt,
            RangeStart = resource.RangeStart,
            RangeEnd = resource.RangeEnd,
            DaysWithData = resource.DaysWithData,
            DaysInRange = resource.DaysInRange,
        };
    }

    /// <summary>One entry per pulled resource of the diagnosis (not-pulled resources, and those with ongoing data only, have no timeline).</summary>
    public static IReadOnlyList<TimelineEntry> From(UserDiagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        return [.. diagnosis.Providers.SelectMany(p => p.Resources.Where(r => r.HasPull).Select(r => From(p, r)))];
    }
}
