namespace Dashboard.Store.Reading;

/// <summary>Which problem changes a query wants.</summary>
public enum ChangeDirection
{
    /// <summary>Problems that appeared and problems that cleared.</summary>
    Both,

    /// <summary>Problems that appeared (new problems).</summary>
    Appeared,

    /// <summary>Problems that cleared (recoveries).</summary>
    Cleared,
}
