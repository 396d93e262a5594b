using Dashboard.Store.Model;
using Dashboard.Store.Recording;

namespace Dashboard.Store.Alerts;

/// <summary>
/// What makes a change worth an alert: a finding that became critical (it appeared as critical, or was a warning and
/// turned critical). One that stays critical writes no transition, so it is never counted twice.
/// </summary>
public static class CriticalProblems
{
    public const string Severity = "critical";

    public static bool IsNew(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return transition.Kind == TransitionKind.Finding
            && transition.ToValue == Severity
            && transition.FromValue != Severity;
    }
}
