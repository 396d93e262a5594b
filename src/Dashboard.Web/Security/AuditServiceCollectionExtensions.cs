namespace Dashboard.Web.Security;

internal static class AuditServiceCollectionExtensions
{
    /// <summary>The audit log (endpoints) and the page helper (one per request or circuit).</summary>
    public static IServiceCollection AddDashboardAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<PageAuditDeduplicator>();
        services.AddScoped<IPageAudit, PageAudit>();
        return services;
    }
}
