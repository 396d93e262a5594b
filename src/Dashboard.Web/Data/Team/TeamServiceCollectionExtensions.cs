namespace Dashboard.Web.Data.Team;

internal static class TeamServiceCollectionExtensions
{
    public static IServiceCollection AddTeamSnapshots(this IServiceCollection services)
    {
        services.AddSingleton<ITeamScanner, SequentialTeamScanner>();
        services.AddSingleton<TeamSnapshotService>();
        services.AddSingleton<ITeamSnapshots>(sp => sp.GetRequiredService<TeamSnapshotService>());
        services.AddSingleton<TeamViewCache>();
        return services;
    }
}
