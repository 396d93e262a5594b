using Dashboard.Store.Alerts;
using Dashboard.Store.Hosting;
using Dashboard.Store.Reading;
using Dashboard.Store.Recording;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// The history store: options (section <c>Store</c>, validated at start), the database, migration at start, the
    /// background writer (<see cref="IHistoryRecorder"/>), the reader, the pause flag, the alert outbox (queued only when <see cref="AlertQueueOptions"/> says so), the connection sweep's readings and retention. A relative SQLite
    /// file is placed under <paramref name="contentRoot"/>.
    /// </summary>
    public static IServiceCollection AddHistoryStore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => new StoreDatabase(StoreConnection.Resolve(sp.GetRequiredService<IOptions<StoreOptions>>().Value, contentRoot)));
        services.AddSingleton<StoreMigrator>();
        services.AddSingleton<HistoryStatus>();
        services.AddSingleton<IHistoryStatus>(sp => sp.GetRequiredService<HistoryStatus>());
        services.AddSingleton<HistoryWriter>();
        services.AddSingleton<IHistoryRecorder>(sp => sp.GetRequiredService<HistoryWriter>());
        services.AddSingleton<IHistoryReader, HistoryReader>();
        services.AddSingleton<IScanProblemStore, ScanProblemStore>();
        services.AddOptions<AlertQueueOptions>();
        services.AddSingleton<IAlertOutbox, AlertOutbox>();
        services.AddSingleton<Refreshes.IRefreshLedger, Refreshes.RefreshLedger>();
        services.AddSingleton<Connections.IConnectionReadingStore, Connections.ConnectionReadingStore>();

        services.AddHostedService<StoreStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<HistoryWriter>());
        services.AddHostedService<RetentionService>();
        return services;
    }
}
