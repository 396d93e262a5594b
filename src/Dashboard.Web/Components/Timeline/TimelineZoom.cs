namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// Which pulls the timeline's axis fits. A user's providers are often connected months apart while each backfill
/// takes minutes, so an axis over every pull draws each as a sliver: then the timeline fits one provider's pulls.
/// The address keeps a person's choice (<c>span=all</c>, <c>span=oura</c>); without one, every pull is shown
/// when that reads, else the provider in focus.
/// </summary>
public static class TimelineZoom
{
    /// <summary>The <c>span</c> value that asks for every pull.</summary>
    public const string All = "all";

    /// <summary>
    /// A row's bars must take at least this share of the axis (6 px of a 570 px plot) for the axis over every pull to
    /// read; when half the rows are thinner, the timeline fits one provider instead.
    /// </summary>
    public const double ReadableShare = 0.01;

    /// <summary>
    /// The provider whose pulls the axis fits, or null for every pull. <paramref name="span"/> is the address's
    /// choice; <paramref name="provider"/> the provider in focus (the one the page shows below the timeline).
    /// </summary>
    public static string? Resolve(IReadOnlyList<TimelineEntry> entries, string? span, string? provider, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var providers = entries.Select(e => e.Provider).Distinct(StringComparer.Ordinal).ToList();
        if (providers.Count <= 1 || string.Equals(span, All, StringComparison.Ordinal))
        {
            return null;
        }

        if (span is not null && providers.Contains(span, StringComparer.Ordinal))
        {
            return span;
        }

        return provider is not null && providers.Contains(provider, StringComparer.Ordinal) && !Reads(TimelineLayout.Create(entries, now))
            ? provider
            : null;
    }

    /// <summary>
    /// Half the rows or more have bars whose times cover at least <see cref="ReadableShare"/> of the axis (what they
    /// cover, not what is drawn: a bar is never drawn thinner than <see cref="TimelineLayout.MinimumSegmentWidth"/>).
    /// </summary>
    public static bool Reads(TimelineLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var span = (double)layout.Axis.Span.Ticks;
        var shares = layout.Rows.Where(r => r.Segments.Count > 0).Select(r => Share(r, span)).Order().ToList();
        return shares.Count == 0 || shares[shares.Count / 2] >= ReadableShare;
    }

    /// <summary>The share of the axis a row's bars cover.</summary>
    public static double Share(TimelineRow row, double axisTicks)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Segments.Sum(s => s.Duration.Ticks) / axisTicks;
    }
}
