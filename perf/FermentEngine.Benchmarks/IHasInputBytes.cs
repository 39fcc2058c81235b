namespace FermentEngine.Benchmarks;

/// <summary>A bench whose input size, known from its parameters alone, gives a throughput column.</summary>
public interface IHasInputBytes
{
    /// <summary>The bytes of text one operation reads.</summary>
    long InputBytes { get; }
}
