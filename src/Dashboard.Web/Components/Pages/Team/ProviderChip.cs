using Dashboard.Diagnosis;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Data.Team;

namespace Dashboard.Web.Components.Pages.Team;

/// <summary>One provider of a user in the team grid, with its worst status's look.</summary>
public readonly record struct ProviderChip(string Provider, string Name, StatusStyle Style, string Title)
{
    /// <summary>
    /// The user's providers with their worst status, the worst first (ties keep their order), so a failing one is
    /// never behind the "+N". Each provider's status is looked up once.
    /// </summary>
    public static ProviderChip[] For(TeamUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return
        [
            .. user.Providers
                .Select(p => (Provider: p, Status: user.WorstStatusOf(p)))
                .OrderByDescending(p => StatusRanker.Rank(p.Status))
                .Select(p =>
                {
                    var style = StatusPalette.For(p.Status);
                    var name = ProviderKnowledge.ProviderDisplayName(p.Provider);
                    return new ProviderChip(p.Provider, name, style, $"{name}: {style.Label}");
                }),
        ];
    }
}
