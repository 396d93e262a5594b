namespace Dashboard.Store.Model;

/// <summary>What a transition row is about.</summary>
public static class TransitionKind
{
    /// <summary>A historical pull's status (provider, resource; values are Vital's status strings verbatim).</summary>
    public const string Pull = "pull";

    /// <summary>A connection's status (provider; values are Vital's status strings verbatim).</summary>
    public const string Connection = "connection";

    /// <summary>A finding (code, provider and resource when it has them; values are severities).</summary>
    public const string Finding = "finding";
}
