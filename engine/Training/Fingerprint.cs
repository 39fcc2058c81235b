using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using FermentEngine.Engine.Runs;

namespace FermentEngine.Engine.Training;

/// <summary>A SHA-256 over the training runs' names, the selected channels' names and their raw values.</summary>
internal static class Fingerprint
{
    public static string Of(IReadOnlyList<Run> runs, IReadOnlyList<string> channels)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Join("\u001f", channels)));
        foreach (var run in runs)
        {
            hash.AppendData(Encoding.UTF8.GetBytes("\u001e" + run.Name));
            int[] map = Preprocessing.Preprocessor.MapChannels(run, channels);
            var row = new float[channels.Count];
            for (int t = 0; t < run.StepCount; t++)
            {
                ReadOnlySpan<float> source = run.Row(t);
                for (int c = 0; c < map.Length; c++)
                {
                    row[c] = source[map[c]];
                }

                hash.AppendData(MemoryMarshal.AsBytes(row.AsSpan()));
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}
