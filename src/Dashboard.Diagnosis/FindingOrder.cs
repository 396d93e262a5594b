namespace Dashboard.Diagnosis;

/// <summary>
/// The order of findings: severity (critical first), then the source in support's order (the user, connections,
/// historical pulls, ongoing data), then provider (user-wide first, then ordinal), then resource
/// (provider-wide first, then ordinal), then code (ordinal).
/// </summary>
public sealed class FindingOrder : IComparer<Finding>
{
    public static FindingOrder Instance { get; } = new();

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var order = y.Severity.CompareTo(x.Severity);
        if (order == 0)
        {
            order = FindingCodes.SourceOrder(x.Code).CompareTo(FindingCodes.SourceOrder(y.Code));
        }

        if (order == 0)
        {
            order = CompareNullFirst(x.Provider, y.Provider);
        }

        if (order == 0)
        {
            order = CompareNullFirst(x.Resource, y.Resource);
        }

        return order != 0 ? order : string.CompareOrdinal(x.Code, y.Code);
    }

    private static int CompareNullFirst(string? a, string? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        _ => string.CompareOrdinal(a, b),
    };
}
