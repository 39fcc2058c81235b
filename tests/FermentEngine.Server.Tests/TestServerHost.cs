using FermentEngine.Client;
using FermentEngine.Protos.V1;
using Grpc.Net.Client;
using FermentEngine.Server.EngineAccess;
using FermentEngine.Server.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FermentEngine.Server.Tests;

/// <summary>The server in memory (no socket) over a temporary data folder, with a client bound to it.</summary>
internal sealed class TestServerHost : IAsyncDisposable
{
    private TestServerHost(WebApplication app, string dataFolder, FermentClientOptions clientOptions)
    {
        App = app;
        DataFolder = dataFolder;
        _clientOptions = clientOptions;
        Client = new FermentClient(new Uri("http://localhost"), clientOptions);
        _rawChannel = GrpcChannel.ForAddress("http://localhost",
            new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler() });
        Raw = new FermentService.FermentServiceClient(_rawChannel);
    }

    private readonly GrpcChannel _rawChannel;
    private readonly FermentClientOptions _clientOptions;

    /// <summary>The generated client, for requests the SDK would not build.</summary>
    public FermentService.FermentServiceClient Raw { get; }

    public WebApplication App { get; }

    public string DataFolder { get; }

    public FermentClient Client { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Another client bound to this server, whatever address it is given, for code that disposes its
    /// client (the CLI commands).</summary>
    public FermentClient CreateClient(Uri address) => new(address, _clientOptions);

    public ModelRegistry Registry => Services.GetRequiredService<ModelRegistry>();

    /// <summary>Starts a server; <paramref name="engine"/> replaces the real engine when given, and
    /// <paramref name="configure"/> may add services before the server's own.</summary>
    public static async Task<TestServerHost> StartAsync(
        IEngine? engine = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        string dataFolder = Path.Combine(Path.GetTempPath(), "fermentengine-tests", Guid.NewGuid().ToString("N"));
        var configuration = new Dictionary<string, string?>
        {
            ["FermentEngine:DataFolder"] = dataFolder,
            ["FermentEngine:BatchDelay"] = "00:00:00.002",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[$"FermentEngine:{key}"] = value;
        }

        var app = ServerApp.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            if (engine is not null)
            {
                builder.Services.AddSingleton(engine);
            }

            configure?.Invoke(builder);
        });
        await app.StartAsync();
        var clientOptions = new FermentClientOptions { HttpHandler = app.GetTestServer().CreateHandler() };
        return new TestServerHost(app, dataFolder, clientOptions);
    }

    /// <summary>Registers <paramref name="model"/> as the next version of <paramref name="id"/>.</summary>
    public Task<ModelRecord> RegisterAsync(string id, IScoringModel model) =>
        Registry.AddAsync(id, model, new Dictionary<string, string>(), CancellationToken.None);

    /// <summary>Registers <paramref name="model"/> and puts this very instance in the cache, as training does,
    /// so that tests can look at what reached it.</summary>
    public async Task<ModelRecord> RegisterLoadedAsync(string id, IScoringModel model)
    {
        var record = await RegisterAsync(id, model);
        Services.GetRequiredService<ModelCache>().Add(record, model);
        return record;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _rawChannel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the host; the temporary folder is cleaned by the system later.
        }
    }
}
