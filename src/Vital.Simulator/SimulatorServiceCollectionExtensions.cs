using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Vital.Simulator;

public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Binds the <c>Simulator</c> section (validated at start, one message per problem naming its key) and registers
    /// <see cref="VitalSimulator"/> as a singleton on the <see cref="TimeProvider"/> from DI (the system clock unless
    /// one is registered) and <see cref="VitalSimulatorHandler"/> as transient, for an <c>HttpClient</c>'s primary handler.
    /// </summary>
    public static IServiceCollection AddVitalSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SimulatorOptions>()
            .Bind(configuration.GetSection(SimulatorOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new VitalSimulator(
            sp.GetRequiredService<IOptions<SimulatorOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddTransient<VitalSimulatorHandler>();
        return services;
    }
}
