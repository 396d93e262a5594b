namespace Dashboard.Web.Security;

/// <summary>The <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Requests per minute on <c>/api/*</c>, per signed-in user (or client address).</summary>
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>Reads past the cache (Refresh, <c>?refresh=true</c>) per minute, per signed-in user (or address, or page).</summary>
    public int ForcedRefreshesPerMinute { get; set; } = 6;
}
