namespace FermentEngine.Engine.Tests;

/// <summary>The style rules that a machine can check (see STYLE.md): line width, and every to-do marker in a
/// comment names its issue.</summary>
public sealed class SourceStyleTests
{
    private static readonly System.Text.RegularExpressions.Regex s_bareTodo = new(@"//.*\bTODO\b(?!\(#\d+\))");

    private static IEnumerable<string> SourceFiles()
    {
        string root = TestData.RepoPath();
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));
    }

    [Test]
    public void SourceLines_AreAtMost120Columns()
    {
        var wide = SourceFiles()
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, line.Length)))
            .Where(x => x.Length > 120 && !File.ReadLines(x.File).ElementAt(x.Line - 1).Contains("://"))
            .Select(x => $"{Path.GetRelativePath(TestData.RepoPath(), x.File)}:{x.Line} ({x.Length})")
            .ToList();

        Assert.That(wide, Is.Empty);
    }

    [Test]
    public void Todos_NameTheirIssue()
    {
        var bare = SourceFiles()
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(x => s_bareTodo.IsMatch(x.Text))
            .Select(x => $"{Path.GetRelativePath(TestData.RepoPath(), x.File)}:{x.Line}")
            .ToList();

        Assert.That(bare, Is.Empty);
    }
}
