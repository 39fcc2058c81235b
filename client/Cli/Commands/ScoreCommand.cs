using System.CommandLine;
using FermentEngine.Cli.Output;
using FermentEngine.Cli.Remote;
using FermentEngine.Engine.Io;
using FermentEngine.Engine.Runs;
using FermentEngine.Engine.Scoring;

namespace FermentEngine.Cli.Commands;

/// <summary><c>fermentctl score FILES... --model PATH</c>: scores runs against a trained model, here or, with
/// <c>--server URL</c>, on a server (then <c>--model</c> is the model id there).</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var files = new RunFileOptions();
        var model = new Option<string>("--model")
        {
            Description = "Model file to score with; with --server, the model id on the server.",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print a JSON object with a runs array." };
        var partial = new Option<bool>("--partial")
        {
            Description = "The runs are still going: compare with reference runs over the same elapsed steps.",
        };
        var server = new Option<string?>("--server")
        {
            Description = "Score on this server, e.g. http://127.0.0.1:5170.",
        };
        var version = new Option<uint>("--version")
        {
            Description = "With --server: the model version; 0 (default) the latest.",
        };
        var command = new Command("score", "Score runs against a trained model.")
        {
            model, json, partial, server, version,
        };
        files.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            RunSet? runs = null;
            int code = CliErrors.Guard(error, () =>
            {
                runs = RunReader.ReadMany(parse.GetValue(files.Files)!, files.Bind(parse));
                CliErrors.WriteNotes(error, runs);
                return 0;
            });
            if (code != 0)
            {
                return code;
            }

            IReadOnlyList<RunVerdict> verdicts;
            if (parse.GetValue(server) is string serverText)
            {
                if (!ServerAddress.TryParse(serverText, out Uri address, out string message))
                {
                    await error.WriteLineAsync(message);
                    return RemoteErrors.Unreachable;
                }

                try
                {
                    verdicts = await RemoteRunner.ScoreAsync(address, parse.GetValue(model)!, runs!,
                        cancellationToken, parse.GetValue(version), parse.GetValue(partial));
                }
                catch (RemoteCallException ex)
                {
                    await error.WriteLineAsync(ex.Message);
                    return ex.ExitCode;
                }
            }
            else
            {
                IReadOnlyList<RunVerdict>? local = null;
                code = CliErrors.Guard(error, () =>
                {
                    local = FermentModel.Load(parse.GetValue(model)!).Score(runs!.Runs,
                        asPartial: parse.GetValue(partial), cancellationToken: cancellationToken);
                    return 0;
                });
                if (code != 0)
                {
                    return code;
                }

                verdicts = local!;
            }

            return Print(parse.InvocationConfiguration.Output, verdicts, parse.GetValue(json));
        });
        return command;
    }

    private static int Print(TextWriter output, IReadOnlyList<RunVerdict> verdicts, bool json)
    {
        var rows = verdicts.Select(v => new VerdictTable.Row(v)).ToList();
        if (json)
        {
            VerdictTable.WriteJson(output, rows);
        }
        else
        {
            VerdictTable.Write(output, rows);
        }

        // Every run is in the output; the exit code says whether some could not be scored.
        return verdicts.Any(v => v.Status == RunStatus.Error) ? CliErrors.BadInput : 0;
    }
}
