using System.Globalization;
using FermentEngine.Protos.V1;

namespace FermentEngine.Cli.Remote;

/// <summary>Prints stored models: a table for the list, a block of facts for one.</summary>
internal static class ModelPrinter
{
    public static void Table(IReadOnlyList<ModelDescription> models, TextWriter output)
    {
        if (models.Count == 0)
        {
            output.WriteLine("No models stored.");
            return;
        }

        output.WriteLine($"{"MODEL",-24} {"VER",4} {"CREATED (UTC)",-17} {"CHANNELS",8} {"POP",5} FINGERPRINT");
        foreach (var m in models)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.ModelId,-24} {m.Version,4} {m.Created.ToDateTime():yyyy-MM-dd HH:mm} {m.Channels.Count,8} "
                + $"{m.PopulationSize,5} {Short(m.Fingerprint)}"));
        }
    }

    public static void Details(ModelDescription m, TextWriter output)
    {
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine($"Model        '{m.ModelId}' v{m.Version}");
        output.WriteLine(string.Create(invariant, $"Created      {m.Created.ToDateTime():yyyy-MM-dd HH:mm:ss} UTC"));
        output.WriteLine($"Engine       {m.EngineVersion} (model format {m.FormatVersion})");
        output.WriteLine($"Fingerprint  {m.Fingerprint}");
        output.WriteLine($"Channels     {string.Join(", ", m.Channels)}");
        output.WriteLine($"Trained on   {m.TrainingRuns.Count} runs: {string.Join(", ", m.TrainingRuns)}");
        output.WriteLine(string.Create(invariant,
            $"Population   {m.PopulationSize} runs, mean {m.PopulationMean:G4}, sd {m.PopulationStdDev:G4}, "
            + $"median {m.PopulationMedian:G4}"));
        output.WriteLine(string.Create(invariant, $"Significance {m.Significance:G4}"));
        output.WriteLine(m.DriftSteps > 0 ? $"Drift window {m.DriftSteps} steps" : "Drift window off");
        output.WriteLine($"File         {m.FileBytes:N0} bytes");
        foreach (var (key, value) in m.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"Metadata     {key} = {value}");
        }
    }

    private static string Short(string fingerprint) => fingerprint.Length > 12 ? fingerprint[..12] : fingerprint;
}
