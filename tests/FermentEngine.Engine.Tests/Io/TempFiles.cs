namespace FermentEngine.Engine.Tests.Io;

/// <summary>A temporary folder for made-up input files, deleted on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "fe-readers-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="lines"/> joined by newlines (plus a final one) to a new file.</summary>
    public string Write(string fileName, params string[] lines)
    {
        string path = Path.Combine(Folder, fileName);
        File.WriteAllText(path, lines.Length == 0 ? "" : string.Join("\n", lines) + "\n");
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
