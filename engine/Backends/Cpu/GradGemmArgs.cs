namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>Strides and sizes of one <see cref="GradGemm"/> call, in floats.</summary>
/// <param name="Rows">Rows of the output (columns of the time-major gradient operand).</param>
/// <param name="Length">Time steps reduced per sample.</param>
/// <param name="Samples">Samples reduced.</param>
/// <param name="Ldg">Distance between time steps of the gradient operand (≥ Rows; padded for vectors).</param>
/// <param name="GStride">Distance between samples of the gradient operand.</param>
/// <param name="SourceStride">Distance between samples of the source.</param>
/// <param name="Ldo">Distance between output rows.</param>
internal readonly record struct GradGemmArgs(
    int Rows, int Length, int Samples, int Ldg, int GStride, int SourceStride, int Ldo);
