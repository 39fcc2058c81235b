using FermentEngine.Cli.Output;
using FermentEngine.Client;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;
using FermentEngine.Engine.Training;
using FermentEngine.Protos.V1;

namespace FermentEngine.Cli.Remote;

/// <summary>
/// What <c>train</c> and <c>score</c> do when given <c>--server URL</c>: the same work, done by a server.
/// </summary>
internal static class RemoteRunner
{
    // Every field, defaults included, so that scripts find the same keys whatever the values.
    private static readonly Google.Protobuf.JsonFormatter s_json =
        new(Google.Protobuf.JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>Trains on the server, printing progress to <paramref name="errors"/> and the stored model to
    /// <paramref name="output"/>; returns the exit code
    /// (0 done, 2 input refused, 3 server unreachable or bad address, 1 other failure, 130 cancelled). Errors
    /// go to <paramref name="errors"/> (default: standard error) as one line.</summary>
    /// <param name="json">Print the final message (stored model, excluded runs, reference outliers) as protobuf JSON
    /// instead of text.</param>
    public static async Task<int> TrainAsync(Uri server, RunSet runs, TrainingOptions options, string? modelId,
        TextWriter output, CancellationToken cancellationToken, TextWriter? errors = null, bool json = false)
    {
        ArgumentNullException.ThrowIfNull(server);
        errors ??= Console.Error;
        FermentClient client;
        try
        {
            client = Connect(server);
        }
        catch (RemoteCallException ex)
        {
            await errors.WriteLineAsync(ex.Message);
            return ex.ExitCode;
        }

        using (client)
        {
            return await TrainAsync(client, server, runs, options, modelId, output, errors, cancellationToken, json);
        }
    }

    /// <summary>Trains through <paramref name="client"/>; <paramref name="server"/> names it in messages.</summary>
    internal static async Task<int> TrainAsync(FermentClient client, Uri server, RunSet runs,
        TrainingOptions options, string? modelId, TextWriter output, TextWriter errors,
        CancellationToken cancellationToken, bool json = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var payloads = runs.Runs.Select(WireConversion.ToPayload).ToList();
            await foreach (var progress in client.TrainAsync(payloads, WireConversion.ToWire(options), modelId,
                cancellationToken: cancellationToken))
            {
                // Progress goes where local training shows it (standard error); the result to the output.
                if (progress.Done)
                {
                    await output.WriteLineAsync(json ? s_json.Format(progress) : DescribeResult(progress));
                }
                else
                {
                    await errors.WriteLineAsync(DescribeProgress(progress));
                }
            }

            return 0;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var (line, exitCode) = RemoteErrors.Describe(ex, server);
            await errors.WriteLineAsync(line);
            return exitCode;
        }
    }

    /// <summary>Scores on the server and returns the engine's verdicts, in run order, for the local printer.
    /// </summary>
    /// <exception cref="RemoteCallException">The call failed; its message is one line and its
    /// <see cref="RemoteCallException.ExitCode"/> the code to return (3 when unreachable).</exception>
    public static async Task<IReadOnlyList<RunVerdict>> ScoreAsync(
        Uri server, string modelId, RunSet runs, CancellationToken cancellationToken, uint version = 0,
        bool asPartial = false)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var client = Connect(server);
        return await ScoreAsync(client, server, modelId, runs, cancellationToken, version, asPartial);
    }

    /// <summary>Scores through <paramref name="client"/>; <paramref name="server"/> names it in messages.</summary>
    internal static async Task<IReadOnlyList<RunVerdict>> ScoreAsync(
        FermentClient client, Uri server, string modelId, RunSet runs, CancellationToken cancellationToken,
        uint version = 0, bool asPartial = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        try
        {
            // Run files carry every channel; the server takes exactly the model's.
            var model = await client.GetModelAsync(modelId, version, cancellationToken);
            var payloads = runs.Runs.Select(r => WireConversion.ToPayload(r, model.Channels)).ToList();
            var reply = await client.ScoreAsync(modelId, payloads, model.Version, cancellationToken: cancellationToken,
                asPartial: asPartial);
            return reply.Runs.Select(WireConversion.ToVerdict).ToList();
        }
        catch (Exception ex) when (ex is not RemoteCallException and not OutOfMemoryException)
        {
            var (line, exitCode) = RemoteErrors.Describe(ex, server);
            throw new RemoteCallException(line, exitCode, ex);
        }
    }

    /// <summary>A client for <paramref name="server"/>; RemoteCallException (exit code 3) for a bad address.
    /// </summary>
    internal static FermentClient Connect(Uri server)
    {
        if (!server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            throw new RemoteCallException(
                $"error: '{server}' is not a server address; expected e.g. http://127.0.0.1:5170",
                RemoteErrors.Unreachable, new ArgumentException(server.ToString()));
        }

        return new FermentClient(server, new FermentClientOptions { ScoreTimeout = TimeSpan.FromMinutes(10) });
    }

    private static string DescribeProgress(TrainProgress p) =>
        $"{p.Stage,-10} epoch {p.Epoch,3}/{p.MaxEpochs,-3} train {p.TrainingLoss,9:0.000000} "
        + $"val {p.ValidationLoss,9:0.000000} {p.Fraction * 100,3:0}% "
        + $"ETA {TimeSpan.FromSeconds(Math.Round(p.RemainingSeconds)):c}";

    private static string DescribeResult(TrainProgress p)
    {
        var lines = new List<string>
        {
            $"Model '{p.Model.ModelId}' v{p.Model.Version} stored: {p.Model.TrainingRuns.Count} training runs, "
            + $"reference population {p.Model.PopulationSize}, fingerprint {Short(p.Model.Fingerprint)}, "
            + $"{TimeSpan.FromSeconds(Math.Round(p.ElapsedSeconds)):c}.",
        };
        lines.AddRange(p.Excluded.Select(e => $"  left out of training: {e.Run} ({PValueText.InReason(e.Reason)})"));
        lines.AddRange(p.ReferenceOutliers.Select(e =>
            $"  left out of the reference population: {e.Run} ({PValueText.InReason(e.Reason)})"));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Short(string fingerprint) => fingerprint.Length > 12 ? fingerprint[..12] : fingerprint;
}
