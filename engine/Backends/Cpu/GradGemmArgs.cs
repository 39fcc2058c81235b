namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>Strides and sizes of one <see cref="GradGemm"/> call, in floats.</summary>
/// <param name="Rows">Rows of the gradient operand and of the output.</param>
/// <param name="Length">Time steps reduced per sample.</param>
/// <param name="Samples">Samples reduced.</param>
/// <param name="Ldg">Distance between gradient rows.</param>
/// <param name="GStride">Distance between samples of the gradient operand.</param>
/// <param name="SourceStride">Distance between samples of the source.</param>
/// <param name="Ldo">Distance between output rows.</param>
internal readonly record struct GradGemmArgs(
    int Rows, int Length, int Samples, int Ldg, int GStride, int SourceStride, int Ldo);
