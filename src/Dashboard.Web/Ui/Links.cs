namespace Dashboard.Web.Ui;

/// <summary>The dashboard's own links, carrying the time display so a colleague sees the same view.</summary>
public static class Links
{
    public static string User(string userId, TimeDisplayMode mode, string? focus = null) =>
        With($"/users/{Uri.EscapeDataString(userId)}", ("focus", focus), ("tz", TimeDisplay.ToQueryValue(mode)));

    public static string Provider(string provider, TimeDisplayMode mode) =>
        With($"/providers/{Uri.EscapeDataString(provider)}", ("tz", TimeDisplay.ToQueryValue(mode)));

    /// <summary>The team grid with these filters, time display and (when given) column sort, such as <c>-latest</c>.</summary>
    public static string Team(Data.TeamQuery query, TimeDisplayMode mode, string? sort = null)
    {
        var filters = query.ToQueryString();
        var tz = TimeDisplay.ToQueryValue(mode);
        var all = string.Join('&', new[] { filters, tz is null ? null : "tz=" + tz, sort is null ? null : "sort=" + Uri.EscapeDataString(sort) }
            .Where(p => !string.IsNullOrEmpty(p)));
        return all.Length == 0 ? "/" : "/?" + all;
    }

    public static string TeamCsv(Data.TeamQuery query)
    {
        var filters = query.ToQueryString();
        return filters.Length == 0 ? "/api/users.csv" : "/api/users.csv?" + filters;
    }

    /// <summary><c>/changes</c> with these filters and the time display.</summary>
    public static string Changes(Components.Pages.Changes.ChangesQuery query, TimeDisplayMode mode)
    {
        var tz = TimeDisplay.ToQueryValue(mode);
        var all = string.Join('&', new[] { query.ToQueryString(), tz is null ? null : "tz=" + tz }.Where(p => !string.IsNullOrEmpty(p)));
        return all.Length == 0 ? "/changes" : "/changes?" + all;
    }

    public static string ChangesCsv(Components.Pages.Changes.ChangesQuery query)
    {
        var filters = query.ToQueryString();
        return filters.Length == 0 ? "/api/changes.csv" : "/api/changes.csv?" + filters;
    }

    private static string With(string path, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }
}
