namespace Vital.Introspection;

/// <summary>How the team is read from the upstream.</summary>
public enum TeamScanMode
{
    /// <summary>
    /// One cursor walk per provider (the upstream's <c>provider</c> filter), several at once, merged by user:
    /// about as long as the largest provider's walk instead of the whole team's.
    /// </summary>
    PerProvider,

    /// <summary>One cursor walk over the whole team, page after page.</summary>
    Sequential,
}
