using System.Net;

namespace FermentEngine.Server;

/// <summary>
/// Server settings, bound from the <c>FermentEngine</c> section of configuration: <c>appsettings.json</c>,
/// environment variables (<c>FERMENTENGINE__MAXBATCHRUNS=32</c>) and the command line
/// (<c>--FermentEngine:MaxBatchRuns=32</c>). Every setting has a default, so the server starts without any.
/// </summary>
public sealed class FermentServerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "FermentEngine";

    /// <summary>Where gRPC listens (HTTP/2 cleartext); default <c>http://127.0.0.1:5170</c>.</summary>
    public string Address { get; set; } = "http://127.0.0.1:5170";

    /// <summary>An extra HTTP/1.1 endpoint for Prometheus scrapes of <c>/metrics</c>; empty for none.
    /// Default <c>http://127.0.0.1:5171</c>. <c>/metrics</c> is also served on <see cref="Address"/>.</summary>
    public string MetricsAddress { get; set; } = "http://127.0.0.1:5171";

    /// <summary>Folder of the registry and the model files; empty means <c>$FERMENT_DATA</c>, else
    /// <c>./data</c>.</summary>
    public string DataFolder { get; set; } = "";

    /// <summary>The SQLite registry file, relative to <see cref="DataFolder"/>; default <c>registry.db</c>.</summary>
    public string RegistryFile { get; set; } = "registry.db";

    /// <summary>How long the first Score call of a batch waits for others to join it; default 0 (no wait: calls
    /// that arrive while a batch is in the engine still form the next batch). A delay pays only where a batch
    /// amortises a fixed cost per engine call, such as a GPU launch.</summary>
    public TimeSpan BatchDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Most runs in one engine call; a single larger request is still scored whole. Default 64.</summary>
    public int MaxBatchRuns { get; set; } = 64;

    /// <summary>Most runs waiting for their batch, over all models; past it calls are refused. Default 1024.</summary>
    public int MaxQueuedRuns { get; set; } = 1024;

    /// <summary>Most runs in one Score or Train request; default 1024.</summary>
    public int MaxRunsPerRequest { get; set; } = 1024;

    /// <summary>Most steps of one run; default 1,000,000.</summary>
    public int MaxStepsPerRun { get; set; } = 1_000_000;

    /// <summary>Largest request message in bytes; default 64 MiB.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Most samples in one StreamScore block; default 4096.</summary>
    public int MaxBlockSteps { get; set; } = 4096;

    /// <summary>Training jobs that may run at once; further Train calls are refused. Default 1.</summary>
    public int MaxConcurrentTrainings { get; set; } = 1;

    /// <summary>Loaded models kept in memory when unused; models in use are never unloaded. Default 8.</summary>
    public int MaxLoadedModels { get; set; } = 8;

    /// <summary>Refuses settings the server cannot work with, naming the setting.</summary>
    /// <exception cref="InvalidOperationException">A setting is out of range.</exception>
    public void Validate()
    {
        Require(BatchDelay >= TimeSpan.Zero && BatchDelay <= TimeSpan.FromSeconds(10), nameof(BatchDelay),
            BatchDelay, "0 to 10 s");
        Require(MaxBatchRuns >= 1, nameof(MaxBatchRuns), MaxBatchRuns, "at least 1");
        Require(MaxQueuedRuns >= 1, nameof(MaxQueuedRuns), MaxQueuedRuns, "at least 1");
        Require(MaxRunsPerRequest >= 1, nameof(MaxRunsPerRequest), MaxRunsPerRequest, "at least 1");
        Require(MaxRunsPerRequest <= MaxQueuedRuns, nameof(MaxRunsPerRequest), MaxRunsPerRequest,
            $"at most MaxQueuedRuns ({MaxQueuedRuns}), or a request that large could never be queued");
        Require(MaxStepsPerRun >= 1, nameof(MaxStepsPerRun), MaxStepsPerRun, "at least 1");
        Require(MaxMessageBytes >= 1024, nameof(MaxMessageBytes), MaxMessageBytes, "at least 1024");
        Require(MaxBlockSteps >= 1, nameof(MaxBlockSteps), MaxBlockSteps, "at least 1");
        Require(MaxConcurrentTrainings >= 0, nameof(MaxConcurrentTrainings), MaxConcurrentTrainings, "0 or more");
        Require(MaxLoadedModels >= 0, nameof(MaxLoadedModels), MaxLoadedModels, "0 or more");
        Require(RegistryFile.Length > 0, nameof(RegistryFile), RegistryFile, "a file name");
        ParseEndpoint(Address, nameof(Address));
        if (!string.IsNullOrWhiteSpace(MetricsAddress))
        {
            ParseEndpoint(MetricsAddress, nameof(MetricsAddress));
        }
    }

    /// <summary>The IP address and port of an <c>http://</c> address; <c>localhost</c> means IPv4 loopback.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not an http:// address with an IP or localhost.</exception>
    public static (IPAddress Address, int Port) ParseEndpoint(string address, string setting)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException(
                $"{SectionName}:{setting}: '{address}' is not an http:// address (e.g. http://127.0.0.1:5170).");
        }

        if (IPAddress.TryParse(uri.DnsSafeHost, out var ip))
        {
            return (ip, uri.Port);
        }

        return uri.IsLoopback
            ? (IPAddress.Loopback, uri.Port)
            : throw new InvalidOperationException(
                $"{SectionName}:{setting}: '{uri.Host}' is neither an IP address nor localhost.");
    }

    private static void Require(bool valid, string setting, object value, string allowed)
    {
        if (!valid)
        {
            throw new InvalidOperationException($"{SectionName}:{setting}: '{value}'; expected {allowed}.");
        }
    }

    /// <summary>The data folder as an absolute path, after the <c>$FERMENT_DATA</c> and <c>./data</c>
    /// defaults.</summary>
    public string ResolveDataFolder()
    {
        string folder = DataFolder;
        if (string.IsNullOrWhiteSpace(folder))
        {
            folder = Environment.GetEnvironmentVariable("FERMENT_DATA") is { Length: > 0 } env ? env : "data";
        }

        return Path.GetFullPath(folder);
    }
}
