using System.CommandLine;
using FermentEngine.Cli.Commands;

var root = new RootCommand("fermentctl: catch bad fermentation batches early.");
root.Subcommands.Add(InspectCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(ScoreCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ModelsCommand.Create());
root.Subcommands.Add(ModelCommand.Create());
root.Subcommands.Add(WatchCommand.Create());

var parse = root.Parse(args);
if (parse.Action is System.CommandLine.Invocation.ParseErrorAction errors)
{
    // The one line that names the problem; `--help` shows the rest.
    errors.ShowHelp = false;
}

return await parse.InvokeAsync();
