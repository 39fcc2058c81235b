using FermentEngine.Server.Registry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FermentEngine.Server.Diagnostics;

/// <summary>Healthy while the registry database answers.</summary>
internal sealed class RegistryHealthCheck(ModelRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(registry.Ping()
                ? HealthCheckResult.Healthy("The registry answers.")
                : HealthCheckResult.Unhealthy("The registry gave an unexpected answer."));
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The registry cannot be read.", ex));
        }
    }
}
