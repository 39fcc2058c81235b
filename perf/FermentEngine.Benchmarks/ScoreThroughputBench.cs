using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FermentEngine.Client;
using FermentEngine.Protos.V1;
using FermentEngine.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace FermentEngine.Benchmarks;

/// <summary>
/// Score calls per second through the real server and SDK: <see cref="Callers"/> concurrent callers, each sending
/// Score calls of one 120-step run back to back, against a tiny model (4 channels, widths 8, 8) trained over the
/// Train RPC in setup. One batching setting per method; the ratios are against a 2 ms batch delay at the same
/// caller count. An operation is one call; an invocation is <see cref="CallsPerInvocation"/> calls.
/// </summary>
/// <remarks>
/// The server listens with Kestrel on 127.0.0.1 and a free port rather than in TestHost's in-memory server, so
/// that a call pays what a client's call pays (HTTP/2 over a socket, Kestrel's scheduling); client and server
/// share the process and the cores. Setup takes a few seconds per case (a fresh server and model each).
/// </remarks>
[Config(typeof(ScoreThroughputBench.Columns))]
[WarmupCount(2), IterationCount(5), InvocationCount(1)]
public class ScoreThroughputBench
{
    /// <summary>Calls per invocation, split evenly over the callers (40 each at 16 callers).</summary>
    public const int CallsPerInvocation = 640;

    private const string ModelId = "bench";
    private const int Steps = 120;
    private static readonly string[] s_channels = ["temperature", "ph", "dissolved_oxygen", "biomass"];

    private WebApplication? _app;
    private FermentClient? _client;
    private string _dataFolder = "";
    private RunPayload[] _runs = [];

    [Params(1, 4, 16)]
    public int Callers { get; set; } = 1;

    [GlobalSetup(Target = nameof(Delay2ms))]
    public Task SetupDelay2msAsync() => StartAsync(TimeSpan.FromMilliseconds(2), maxBatchRuns: 64);

    [GlobalSetup(Target = nameof(NoDelay))]
    public Task SetupNoDelayAsync() => StartAsync(TimeSpan.Zero, maxBatchRuns: 64);

    [GlobalSetup(Target = nameof(BatchingOff))]
    public Task SetupBatchingOffAsync() => StartAsync(TimeSpan.Zero, maxBatchRuns: 1);

    /// <summary>The first call of a batch waits 2 ms for others (the server's default until this bench ran).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvocation)]
    public Task Delay2ms() => CallAsync();

    /// <summary>No wait (the default); calls that arrive while a batch is in the engine form the next batch.</summary>
    [Benchmark(OperationsPerInvoke = CallsPerInvocation)]
    public Task NoDelay() => CallAsync();

    /// <summary>MaxBatchRuns 1: every call is its own engine call.</summary>
    [Benchmark(OperationsPerInvoke = CallsPerInvocation)]
    public Task BatchingOff() => CallAsync();

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary folder is cleaned by the system later.
        }
    }

    private async Task StartAsync(TimeSpan batchDelay, int maxBatchRuns)
    {
        _dataFolder = Path.Combine(Path.GetTempPath(), "fermentengine-bench", "score-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["FermentEngine:Address"] = "http://127.0.0.1:0",
            ["FermentEngine:MetricsAddress"] = "",
            ["FermentEngine:DataFolder"] = _dataFolder,
            ["FermentEngine:BatchDelay"] = batchDelay.ToString("c", CultureInfo.InvariantCulture),
            ["FermentEngine:MaxBatchRuns"] = maxBatchRuns.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        _app = ServerApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await _app.StartAsync();

        // Port 0 is resolved at start; Kestrel reports the bound address.
        _client = new FermentClient(new Uri(_app.Urls.Single()));
        var training = Enumerable.Range(0, 8).Select(i => Run($"train-{i}", 100 + i)).ToList();
        await _client.TrainToEndAsync(training, TinyOptions(), ModelId);
        _runs = Enumerable.Range(0, 8).Select(i => Run($"score-{i}", 200 + i)).ToArray();
        await CallerAsync(0, _runs.Length);
    }

    private Task CallAsync()
    {
        var callers = new Task[Callers];
        for (int c = 0; c < callers.Length; c++)
        {
            callers[c] = CallerAsync(c, CallsPerInvocation / Callers);
        }

        return Task.WhenAll(callers);
    }

    private async Task CallerAsync(int caller, int calls)
    {
        for (int i = 0; i < calls; i++)
        {
            ScoreReply reply = await _client!.ScoreAsync(ModelId, [_runs[(caller + i) % _runs.Length]]);
            if (reply.Runs[0].Status != RunStatus.Scored)
            {
                throw new InvalidOperationException($"Run not scored: {reply.Runs[0].Error}");
            }
        }
    }

    private static TrainOptions TinyOptions()
    {
        var options = new TrainOptions
        {
            MaxEpochs = 4, Folds = 2, WindowLength = 64, BatchSize = 8, KernelSize = 3, AlarmPersistence = 3, Seed = 5,
        };
        options.Widths.Add([8, 8]);
        return options;
    }

    // A smooth fermentation-like run at 0.2 h steps with seeded run-to-run variation and noise.
    private static RunPayload Run(string name, int seed)
    {
        var random = new Random(seed);
        double phase = random.NextDouble() * 0.3;
        double gain = 1 + ((random.NextDouble() - 0.5) * 0.1);
        var times = new double[Steps];
        var values = new float[Steps * s_channels.Length];
        for (int s = 0; s < Steps; s++)
        {
            double t = s * 0.2;
            times[s] = t;
            double growth = gain / (1 + Math.Exp(-(t - 12) / 2.5));
            Span<float> row = values.AsSpan(s * s_channels.Length, s_channels.Length);
            row[0] = (float)(303 + (0.5 * Math.Sin((t / 4) + phase)) + Noise(random, 0.02));
            row[1] = (float)(7 - (0.4 * growth) + Noise(random, 0.005));
            row[2] = (float)(90 - (60 * growth) + Noise(random, 0.3));
            row[3] = (float)((20 * growth) + Noise(random, 0.05));
        }

        return new RunPayload(name, s_channels, times, values);
    }

    private static double Noise(Random random, double scale) => (random.NextDouble() - 0.5) * 2 * scale;

    /// <summary>The calls/s columns in place of the shared rate columns, which mean nothing here.</summary>
    public sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(CallsPerSecondColumn.Absolute, CallsPerSecondColumn.Relative);
            HideColumns(WorkColumn.Gflops.ColumnName, WorkColumn.WindowsPerSecond.ColumnName, "MB/s", "MB/s best");
        }
    }
}
