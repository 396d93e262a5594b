using Vital.Introspection;

namespace Dashboard.Diagnosis;

/// <summary>
/// The rules of docs/ARCHITECTURE.md's finding table with their wording. Immutable once built, so one instance serves
/// every thread. Boundaries: "older than" a threshold is strictly greater; coverage "below" the ratio is strictly less.
/// </summary>
internal sealed class PullRules(DiagnosisThresholds thresholds)
{
    private readonly TimeSpan _stuckScheduledAfter = thresholds.StuckScheduledAfter;
    private readonly TimeSpan _stuckInProgressAfter = thresholds.StuckInProgressAfter;

    /// <summary>The findings about one pull: at most one for its status, plus a timeline anomaly.</summary>
    public IReadOnlyList<Finding> Evaluate(PullContext c)
    {
        var findings = new List<Finding>(2);
        var status = c.Status;

        if (status.IsFailureLike)
        {
            findings.Add(Failed(c));
        }
        else if (status == PullStatus.Retrying)
        {
            findings.Add(Retrying(c));
        }
        else if (status == PullStatus.Scheduled)
        {
            findings.Add(Scheduled(c));
        }
        else if (status == PullStatus.InProgress)
        {
            findings.Add(InProgress(c));
        }
        else if (status == PullStatus.Success)
        {
            if (Succeeded(c) is { } finding)
            {
                findings.Add(finding);
            }
        }
        else
        {
            findings.Add(UnknownStatus(c));
        }

        if (TimelineAnomalies(c) is { Count: > 0 } anomalies)
        {
            findings.Add(TimelineAnomaly(c, anomalies));
        }

        return findings;
    }

    private static Finding Failed(PullContext c)
    {
        var kind = ErrorDetailsText.Classify(c.Pull.ErrorDetails);
        var legacy = c.Status == PullStatus.Error
            ? " (Its status is 'error', the older name Vital used for a failed pull.)"
            : string.Empty;
        var reason = kind switch
        {
            ErrorDetailsText.Kind.Missing => $"{ErrorDetailsText.MissingReason} The trace id is how Vital finds out what happened.",
            ErrorDetailsText.Kind.Permanent => $"{ErrorDetailsText.Reason(c.Pull.ErrorDetails!.Value, c.ProviderName)} That is a permanent error: retrying will not fix it, someone at Vital has to look.",
            ErrorDetailsText.Kind.Retriable => $"{ErrorDetailsText.Reason(c.Pull.ErrorDetails!.Value, c.ProviderName)} That is normally a temporary problem that Vital retries by itself, yet this pull ended as failed: the retries did not get through.",
            _ => ErrorDetailsText.Reason(c.Pull.ErrorDetails!.Value, c.ProviderName),
        };

        var escalate = $"Escalate to Vital support with {c.EscalationDetails}, together with the user's provider connections (Vital asks for those first).";
        string action;
        string? note = null;
        if (kind == ErrorDetailsText.Kind.Retriable && ProviderKnowledge.ReconnectRerunsBackfill(c.Provider))
        {
            action = $"Ask the user to reconnect {c.ProviderName}: reconnecting re-runs the historical pull, which a temporary problem should no longer stop. If it fails again, escalate to Vital support with {c.EscalationDetails}, together with the user's provider connections.";
        }
        else
        {
            action = escalate;
            if (kind == ErrorDetailsText.Kind.Retriable)
            {
                note = ProviderKnowledge.ReconnectNote(c.Provider);
            }
        }

        return Create(
            c,
            FindingCodes.PullFailed,
            $"{c.Subject} pull failed",
            $"Vital gave up pulling {c.ResourceName} history from {c.ProviderName}: the data{c.RangeText} will not arrive on its own.{legacy} {reason}{NoteSuffix(note)}",
            action,
            c.WithRange(c.BaseEvidence) with { ProviderNote = note });
    }

    private Finding Retrying(PullContext c)
    {
        var kind = ErrorDetailsText.Classify(c.Pull.ErrorDetails);
        // Measured to now, not to ended_at: Vital's own example shows a retrying pull with an end time.
        TimeSpan? age = c.StartedAt is { } started && c.AsOf >= started ? c.AsOf - started : null;
        var since = age is { } elapsed ? $" (it started {TextFormatter.Duration(elapsed)} ago)" : string.Empty;
        var reason = kind switch
        {
            ErrorDetailsText.Kind.Missing => $"{ErrorDetailsText.MissingReason} Vital retries by itself.",
            ErrorDetailsText.Kind.Retriable => $"{ErrorDetailsText.Reason(c.Pull.ErrorDetails!.Value, c.ProviderName)} That is a temporary problem: Vital retries by itself, and the data arrives once a retry gets through.",
            ErrorDetailsText.Kind.Permanent => $"{ErrorDetailsText.Reason(c.Pull.ErrorDetails!.Value, c.ProviderName)} That is normally a permanent error, so these retries will most likely end in a failed pull.",
            _ => $"{ErrorDetailsText.Reason(c.Pull.ErrorDetails!.Value, c.ProviderName)} Vital retries by itself.",
        };

        var limit = TextFormatter.Duration(_stuckInProgressAfter);
        string action;
        if (kind == ErrorDetailsText.Kind.Permanent)
        {
            action = $"Escalate to Vital support now with {c.EscalationDetails}: a permanent error is unlikely to clear by retrying.";
        }
        else if (age is { } running && running > _stuckInProgressAfter)
        {
            action = $"It has been retrying for {TextFormatter.Duration(running)}, longer than the {limit} this dashboard allows: escalate to Vital support with {c.EscalationDetails}.";
        }
        else
        {
            action = $"Nothing to do yet: check again later. If it is still retrying {limit} after it started, or it turns into a failed pull, escalate to Vital support with {c.EscalationDetails}.";
        }

        return Create(
            c,
            FindingCodes.PullRetrying,
            $"{c.Subject} pull is retrying",
            $"Vital ran into a problem pulling {c.ResourceName} history from {c.ProviderName} and is trying again{since}. {reason}",
            action,
            c.BaseEvidence with { HoursRunning = Hours(age) });
    }

    private Finding Scheduled(PullContext c)
    {
        var limit = TextFormatter.Duration(_stuckScheduledAfter);
        if (c.ScheduledAt is not { } scheduledAt)
        {
            return Create(
                c,
                FindingCodes.PullInProgress,
                $"{c.Subject} pull scheduled",
                $"Vital has queued the pull and will start it by itself. Vital sent no scheduled time, so the dashboard cannot tell how long it has been waiting.",
                $"Nothing to do yet: check again later. If it is still scheduled after a few hours, escalate to Vital support with {c.EscalationDetails}.",
                c.BaseEvidence);
        }

        var waited = c.AsOf - scheduledAt;
        var evidence = c.BaseEvidence with { HoursWaiting = TextFormatter.Hours(waited < TimeSpan.Zero ? TimeSpan.Zero : waited) };
        if (thresholds.IsStuck(c.Status, c.ScheduledAt, c.StartedAt, c.AsOf))
        {
            return Create(
                c,
                FindingCodes.PullStuckScheduled,
                $"{c.Subject} pull stuck waiting to start",
                $"Vital scheduled the pull {TextFormatter.Duration(waited)} ago ({TextFormatter.Utc(scheduledAt)}) and has not started it. Backfills usually start and finish within minutes to hours; waiting longer than {limit} is unusual.",
                $"Escalate to Vital support with {c.EscalationDetails}, saying the pull has been scheduled since {TextFormatter.Utc(scheduledAt)} without starting.",
                evidence with { ThresholdHours = TextFormatter.Hours(_stuckScheduledAfter) });
        }

        return Create(
            c,
            FindingCodes.PullInProgress,
            $"{c.Subject} pull scheduled",
            $"Vital queued the pull {TextFormatter.Duration(waited)} ago and will start it by itself; backfills take minutes to hours. This is normal.",
            $"Nothing to do yet: check again later. It counts as stuck if it is still waiting {limit} after it was scheduled.",
            evidence);
    }

    private Finding InProgress(PullContext c)
    {
        var limit = TextFormatter.Duration(_stuckInProgressAfter);

        // No start time: measure from the scheduled time, which can only make the pull look older, never younger.
        var from = c.StartedAt ?? c.ScheduledAt;
        var fromWhat = c.StartedAt is null ? "was scheduled" : "started";
        var noStart = c.StartedAt is null && from is not null
            ? " Vital sent no start time, so this counts from when it was scheduled."
            : string.Empty;

        if (from is not { } since)
        {
            return Create(
                c,
                FindingCodes.PullInProgress,
                $"{c.Subject} pull in progress",
                "Vital is pulling the history now. Vital sent neither a start nor a scheduled time, so the dashboard cannot tell how long it has been running.",
                $"Nothing to do yet: check again later. If it is still in progress tomorrow, escalate to Vital support with {c.EscalationDetails}.",
                c.BaseEvidence);
        }

        var ran = c.AsOf - since;
        var evidence = c.BaseEvidence with { HoursRunning = TextFormatter.Hours(ran < TimeSpan.Zero ? TimeSpan.Zero : ran) };
        if (thresholds.IsStuck(c.Status, c.ScheduledAt, c.StartedAt, c.AsOf))
        {
            return Create(
                c,
                FindingCodes.PullStuckInProgress,
                $"{c.Subject} pull stuck in progress",
                $"The pull {fromWhat} {TextFormatter.Duration(ran)} ago ({TextFormatter.Utc(since)}) and has not finished. Backfills usually finish within minutes to hours; running longer than {limit} is unusual.{noStart}",
                $"Escalate to Vital support with {c.EscalationDetails}, saying the pull has been in progress since {TextFormatter.Utc(since)}.",
                evidence with { ThresholdHours = TextFormatter.Hours(_stuckInProgressAfter) });
        }

        return Create(
            c,
            FindingCodes.PullInProgress,
            $"{c.Subject} pull in progress",
            $"Vital is pulling the history now (the pull {fromWhat} {TextFormatter.Duration(ran)} ago); backfills take minutes to hours. The pull is complete once it has an end time: that is when every data webhook has been sent.{noStart}",
            $"Nothing to do yet: check again later. It counts as stuck if it is still running {limit} after it {fromWhat}.",
            evidence);
    }

    private Finding? Succeeded(PullContext c)
    {
        var days = c.Pull.DaysWithData;
        if (days <= 0)
        {
            return NoData(c);
        }

        if (c.Coverage is { } coverage && thresholds.IsLowCoverage(coverage))
        {
            return LowCoverage(c, coverage);
        }

        return null;
    }

    private static Finding NoData(PullContext c)
    {
        var notes = ProviderKnowledge.NotesOnSmallData(c.Provider, c.Resource, c.Pull.DaysWithData, c.DaysInRange, c.EndedAt, c.AsOf);
        var range = c.RangeText.Length > 0 ? c.RangeText : " (Vital sent no range)";
        var action = GarminStillArriving(c)
            ? $"Check again later: Garmin's data may still be on its way. If there is still nothing {TextFormatter.Duration(ProviderKnowledge.GarminDataGrace)} after the pull ended, ask the user whether their Garmin account holds {c.ResourceName} data for that period, and if it does, escalate to Vital support with {c.EscalationDetails}."
            : $"Ask the user whether their {c.ProviderName} account holds {c.ResourceName} data for that period{DexcomQuestion(c)}. If it does, escalate to Vital support with {c.EscalationDetails}.";

        return Create(
            c,
            FindingCodes.PullNoData,
            $"{c.Subject} pull found no data",
            $"The pull succeeded but found no day with {c.ResourceName} data{range}. Usually the user simply has no such data at {c.ProviderName} for that period (they did not wear the device or use the feature), or connected a different {c.ProviderName} account than the one holding their history.{NoteSuffix(notes)}",
            action,
            c.WithRange(c.BaseEvidence) with { ProviderNote = JoinNotes(notes) });
    }

    private static Finding LowCoverage(PullContext c, double coverage)
    {
        var days = c.Pull.DaysWithData;
        var inRange = c.DaysInRange!.Value;
        var notes = ProviderKnowledge.NotesOnSmallData(c.Provider, c.Resource, days, inRange, c.EndedAt, c.AsOf);
        var action = GarminStillArriving(c)
            ? "Check again later: Garmin's data may still be on its way."
            : $"Usually nothing. If the user expected more history, confirm it exists at {c.ProviderName}{DexcomQuestion(c)}, then escalate to Vital support with {c.EscalationDetails}.";

        return Create(
            c,
            FindingCodes.PullLowCoverage,
            $"{c.Subject} pull has data on {days} of {inRange} days",
            $"The pull succeeded, but {c.ResourceName} data was found on only {TextFormatter.Count(days, "day")} of the {inRange} days{c.RangeText} ({TextFormatter.Percent(coverage)}). Days with data is a rough measure: a user who wore the device only now and then has gaps like this.{NoteSuffix(notes)}",
            action,
            c.WithRange(c.BaseEvidence) with { ProviderNote = JoinNotes(notes) });
    }

    private static Finding UnknownStatus(PullContext c)
    {
        var value = c.Status.Value;
        var (title, what) = value.Length == 0
            ? ($"{c.Subject} pull has no status", "Vital sent no status for this pull, so")
            : ($"{c.Subject} pull has unknown status {TextFormatter.Quote(value)}", $"Vital reported the status {TextFormatter.Quote(value)}: Vital added a status this dashboard does not know yet (it adds new values without notice), so");

        return Create(
            c,
            FindingCodes.UnknownStatus,
            title,
            $"{what} the dashboard cannot tell whether the pull is healthy. Its times and days with data are shown as Vital sent them.",
            $"Judge from the timeline and days with data; if unsure, ask Vital support what {TextFormatter.Quote(value)} means, with {c.EscalationDetails}. Tell the dashboard team so the next version knows it.",
            c.WithRange(c.BaseEvidence));
    }

    /// <summary>
    /// How far out of order two of a pull's times may be before it is an anomaly. The upstream prints times at
    /// different precisions (seconds, microseconds), so a start a fraction of a second "before" its scheduled time
    /// is the same instant, and a sentence such as "started (08:00 UTC) before it was scheduled (08:00 UTC)" would
    /// only confuse.
    /// </summary>
    internal static readonly TimeSpan OrderTolerance = TimeSpan.FromSeconds(1);

    /// <summary>One sentence per problem with the pull's times, in a fixed order; empty when the timeline adds up.</summary>
    internal static List<string> TimelineAnomalies(PullContext c)
    {
        var problems = new List<string>();
        var status = c.Status;

        if (c.ScheduledAt is null)
        {
            problems.Add("It has no scheduled time, which every pull should have.");
        }

        if (c.StartedAt is { } started && c.ScheduledAt is { } scheduled && scheduled - started > OrderTolerance)
        {
            var (s, sch) = TextFormatter.UtcOutOfOrder(started, scheduled);
            problems.Add($"It started ({s}) before it was scheduled ({sch}).");
        }

        if (c.EndedAt is { } ended)
        {
            if (c.StartedAt is { } start && start - ended > OrderTolerance)
            {
                var (e, s) = TextFormatter.UtcOutOfOrder(ended, start);
                problems.Add($"It ended ({e}) before it started ({s}).");
            }
            else if (c.StartedAt is null)
            {
                problems.Add("It has an end time but no start time.");
            }

            if (status == PullStatus.Scheduled || status == PullStatus.InProgress)
            {
                problems.Add($"It is still {StatusRanker.DisplayName(status).ToLowerInvariant()} but already has an end time.");
            }
        }
        else if (status == PullStatus.Success)
        {
            problems.Add("It succeeded but has no end time. The end time is what says every data webhook was sent, so some data may still be on its way.");
        }

        if (status == PullStatus.InProgress && c.StartedAt is null)
        {
            problems.Add("It is in progress but has no start time.");
        }

        if (c.RangeStart is { } rangeStart && c.RangeEnd is { } rangeEnd && rangeStart - rangeEnd > OrderTolerance)
        {
            var (e, s) = TextFormatter.UtcOutOfOrder(rangeEnd, rangeStart);
            problems.Add($"Its data range ends ({e}) before it starts ({s}).");
        }

        return problems;
    }

    private static Finding TimelineAnomaly(PullContext c, List<string> anomalies) => Create(
        c,
        FindingCodes.TimelineAnomaly,
        $"{c.Subject} pull has an inconsistent timeline",
        $"The times Vital reported for this pull do not add up. {string.Join(" ", anomalies)} Durations shown for this pull may be off.",
        $"Usually nothing on its own. If data is missing too, mention it to Vital support with {c.EscalationDetails}.",
        c.BaseEvidence with { RangeStart = c.RangeStart, RangeEnd = c.RangeEnd, Anomalies = anomalies });

    /// <summary>One finding per provider listing the resources it did not pull.</summary>
    public static Finding NotPulled(string provider, IReadOnlyList<string> resources)
    {
        var providerName = ProviderKnowledge.ProviderDisplayName(provider);
        var names = TextFormatter.List([.. resources.Select(ProviderKnowledge.ResourceDisplayName)]);
        var one = resources.Count == 1;
        var note = ProviderKnowledge.ReconnectNote(provider);

        return new Finding
        {
            Code = FindingCodes.ResourcesNotPulled,
            Severity = FindingCodes.SeverityOf(FindingCodes.ResourcesNotPulled),
            Provider = provider,
            Resource = null,
            Title = one ? $"{providerName} {names} not pulled" : $"{resources.Count} {providerName} resources not pulled",
            Explanation = $"{providerName} did not pull {names}. Either the user did not grant permission for {(one ? "it" : "them")} when connecting, or Vital added {(one ? "this resource type" : "these resource types")} after the user connected. If the user chose not to share {(one ? "it" : "them")}, nothing is wrong.{NoteSuffix(note)}",
            Action = note is null
                ? $"Ask the user to reconnect {providerName} and grant access to {names}; reconnecting also re-runs the historical pull."
                : $"Have the user's {providerName} connection removed (deregistered) first, since reconnecting alone does not re-run the historical pull; then ask the user to connect {providerName} again and grant access to {names}.",
            Evidence = new FindingEvidence { Resources = resources, ProviderNote = note },
        };
    }

    /// <summary>The user-wide finding when no resource was pulled at all.</summary>
    public static Finding NoPullData(IReadOnlyList<ProviderDiagnosis> providers, bool userKnown = false)
    {
        string explanation;
        string action;
        if (providers.Count == 0 && userKnown)
        {
            explanation = "Vital knows the user but holds no historical pull for them: no provider has backfilled any history yet.";
            action = "See the user's connections above: a provider must be connected before Vital schedules its backfill. A connection made a few minutes ago may not have its pulls scheduled yet, so check again shortly.";
        }
        else if (providers.Count == 0)
        {
            explanation = "Vital holds no historical pull for this user. Vital answers the same way for a user id it does not know and for a user who has not connected any provider, so it can be either.";
            action = "Check the user id (copy it from your own system rather than from the ticket). If it is right, check that the user has connected a provider: a connection made a few minutes ago may not have its pulls scheduled yet, so check again shortly.";
        }
        else
        {
            var names = TextFormatter.List([.. providers.Select(p => p.DisplayName)]);
            var withNotPulled = providers.Count(p => p.NotPulled.Count > 0);
            explanation = withNotPulled > 0
                ? $"The user is connected to {names}, but Vital pulled no resource: every resource it lists is not pulled, so no history will arrive."
                : $"Vital lists {names} for this user, but no pulled resource. A connection made a few minutes ago may not have its pulls scheduled yet.";
            action = withNotPulled > 0
                ? $"See the not-pulled {(withNotPulled == 1 ? "finding" : "findings")}: ask the user to reconnect and grant permission for the resources they want to share."
                : "Check again shortly. If nothing appears within an hour, escalate to Vital support with the user id and the user's provider connections.";
        }

        return new Finding
        {
            Code = FindingCodes.NoPullData,
            Severity = FindingCodes.SeverityOf(FindingCodes.NoPullData),
            Provider = null,
            Resource = null,
            Title = "No historical pulls for this user",
            Explanation = explanation,
            Action = action,
            Evidence = FindingEvidence.None,
        };
    }

    private static Finding Create(PullContext c, string code, string title, string explanation, string action, FindingEvidence evidence) =>
        Finding.Of(code, c.Provider, c.Resource, title, explanation, action, evidence);

    private static bool GarminStillArriving(PullContext c) =>
        ProviderKnowledge.ReportsCompletionBeforeData(c.Provider)
        && (c.EndedAt is not { } ended || c.AsOf - ended <= ProviderKnowledge.GarminDataGrace);

    private static string DexcomQuestion(PullContext c) =>
        ProviderKnowledge.MayKeepOnlyOneDay(c.Provider) && c.Pull.DaysWithData <= 1
            ? " and which Dexcom model they use (a G6 or older keeps only one day)"
            : string.Empty;

    private static double? Hours(TimeSpan? duration) => duration is { } d ? TextFormatter.Hours(d) : null;

    private static string? JoinNotes(IReadOnlyList<string> notes) => notes.Count == 0 ? null : string.Join(" ", notes);

    private static string NoteSuffix(IReadOnlyList<string> notes) => notes.Count == 0 ? string.Empty : " " + string.Join(" ", notes);

    private static string NoteSuffix(string? note) => note is null ? string.Empty : " " + note;
}
