using Dashboard.Diagnosis;

namespace Dashboard.Web.Connections;

/// <summary>
/// Where the connection sweep stands against the team shown: users read this round of all users, when the round
/// started, and about how long the rest takes at the configured pace.
/// </summary>
public sealed record SweepProgress(int Read, int Users, DateTimeOffset? RoundStartedAt, TimeSpan? Remaining, string? Problem)
{
    /// <summary>"Connections read for 12,345 of 100,000 users; this round started 3 h ago; about 9 h left."</summary>
    public string Describe(DateTimeOffset now)
    {
        var text = $"Connections read for {TextFormatter.Count(Read)} of {TextFormatter.Count(Users, "user")}";
        if (RoundStartedAt is { } started)
        {
            text += $"; this round started {TextFormatter.ShortDuration(now - started)} ago";
        }

        if (Remaining is { } left && Read < Users)
        {
            text += $"; about {TextFormatter.ShortDuration(left)} left";
        }

        return Problem is null ? text + "." : $"{text}. {Problem}";
    }
}
