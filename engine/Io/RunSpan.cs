namespace FermentEngine.Engine.Io;

/// <summary>The rows of one run in the reader's buffers.</summary>
/// <param name="Name">The run's name.</param>
/// <param name="Start">The index of its first row.</param>
/// <param name="Count">Its number of rows.</param>
internal readonly record struct RunSpan(string Name, int Start, int Count)
{
    public int End => Start + Count;
}
