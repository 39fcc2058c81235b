using FermentEngine.Server.Batching;
using FermentEngine.Server.Diagnostics;
using FermentEngine.Server.EngineAccess;
using FermentEngine.Server.Registry;
using FermentEngine.Server.Services;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace FermentEngine.Server;

/// <summary>Builds the server: configuration, services, endpoints. <c>Program</c> runs it; tests host it
/// in memory.</summary>
public static class ServerApp
{
    /// <summary>Builds the application; <paramref name="configure"/> runs first, so tests can add
    /// configuration and replace services before the server's own are registered.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json is read from beside the binary, wherever the server is started from.
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        var settings = builder.Configuration.GetSection(FermentServerOptions.SectionName).Get<FermentServerOptions>()
            ?? new FermentServerOptions();
        settings.Validate();
        builder.Services.Configure<FermentServerOptions>(
            builder.Configuration.GetSection(FermentServerOptions.SectionName));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The web server's own body cap (30 MB by default) would refuse large requests before gRPC's message
            // limit could answer them with RESOURCE_EXHAUSTED; let the gRPC limit (plus framing) decide.
            kestrel.Limits.MaxRequestBodySize = settings.MaxMessageBytes + 1024L * 1024;
            Listen(kestrel, settings);
        });
        AddServices(builder, settings);

        var app = builder.Build();
        app.MapGrpcService<FermentGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapPrometheusScrapingEndpoint();

        // Open the registry now, so a bad data folder stops the server at start rather than at the first call.
        app.Services.GetRequiredService<ModelRegistry>();
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder, FermentServerOptions settings)
    {
        var services = builder.Services;
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = settings.MaxMessageBytes;
            grpc.MaxSendMessageSize = null;
            grpc.EnableDetailedErrors = builder.Environment.IsDevelopment();
            grpc.Interceptors.Add<CallInterceptor>();
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<RegistryHealthCheck>("registry");
        services.TryAddSingleton<IEngine, EngineAdapter>();
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<ModelCache>();
        services.AddSingleton<ScoreBatcher>();
        services.AddSingleton<TrainingSlots>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ServerMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
    }

    private static void Listen(KestrelServerOptions kestrel, FermentServerOptions settings)
    {
        ListenOn(kestrel, settings.Address, HttpProtocols.Http2, "Address");
        if (!string.IsNullOrWhiteSpace(settings.MetricsAddress))
        {
            ListenOn(kestrel, settings.MetricsAddress, HttpProtocols.Http1, "MetricsAddress");
        }
    }

    private static void ListenOn(KestrelServerOptions kestrel, string address, HttpProtocols protocols, string setting)
    {
        var (ip, port) = FermentServerOptions.ParseEndpoint(address, setting);
        kestrel.Listen(ip, port, listen => listen.Protocols = protocols);
    }
}
