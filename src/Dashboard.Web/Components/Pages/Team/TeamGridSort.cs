using Dashboard.Web.Data.Team;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Team;

/// <summary>
/// A column sort over a view, done once per view and column and shared by every circuit looking at that view
/// (the sorted list lives as long as the view does). Ties keep the user id order, so rows never jump.
/// </summary>
internal static class TeamGridSort
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TeamViewResult, Dictionary<(string, bool), IReadOnlyList<TeamUser>>> Sorted = new();

    public static IReadOnlyList<TeamUser> Apply(TeamViewResult view, SortDefinition<TeamUser> sort)
    {
        if (sort.SortFunc is null)
        {
            return view.Users;
        }

        var cache = Sorted.GetOrCreateValue(view);
        lock (cache)
        {
            var key = (sort.SortBy ?? string.Empty, sort.Descending);
            if (!cache.TryGetValue(key, out var users))
            {
                var ordered = sort.Descending
                    ? view.Users.OrderByDescending(sort.SortFunc, Comparer<object?>.Default)
                    : view.Users.OrderBy(sort.SortFunc, Comparer<object?>.Default);
                users = [.. ordered.ThenBy(u => u.UserId, StringComparer.Ordinal)];
                cache[key] = users;
            }

            return users;
        }
    }
}
