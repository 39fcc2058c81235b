using System.CommandLine;

namespace FermentEngine.Cli.Commands;

/// <summary><c>fermentctl inspect FILES...</c>: run lengths, channel summaries and label counts.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Run files (.csv or .csv.gz)." };
        var command = new Command("inspect", "Summarise runs: lengths, channels, labels.") { files };
        command.SetAction(parse =>
        {
            Console.WriteLine(string.Join(", ", parse.GetValue(files) ?? []));
            return 0;
        });
        return command;
    }
}
