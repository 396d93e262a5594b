using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Diagnosis;

public static class DiagnosisServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DiagnosisEngine"/> and its <see cref="DiagnosisThresholds"/> as singletons, with <see cref="DiagnosisOptions"/> bound from the
    /// <c>Diagnosis</c> section and validated at start (an invalid value stops the host with a message naming its key).
    /// Uses the registered <see cref="TimeProvider"/>, adding <see cref="TimeProvider.System"/> only when there is none.
    /// </summary>
    public static IServiceCollection AddDiagnosis(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DiagnosisOptions>()
            .Bind(configuration.GetSection(DiagnosisOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiagnosisOptions>, DiagnosisOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // A factory, so the container never has to choose between the engine's two constructors.
        services.TryAddSingleton(sp => new DiagnosisEngine(
            sp.GetRequiredService<IOptions<DiagnosisOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<DiagnosisEngine>().Thresholds);

        return services;
    }
}
