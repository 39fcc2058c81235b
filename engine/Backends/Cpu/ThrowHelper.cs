using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace FermentEngine.Engine.Backends.Cpu;

/// <summary>Throw sites kept out of the kernels so that their bodies stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    [StackTraceHidden]
    public static void ShapeMismatch(string kernel) =>
        throw new ArgumentException($"{kernel}: operand spans are too short for the given shape.");

    [DoesNotReturn]
    [StackTraceHidden]
    public static void BufferTooShort(string name, int length, long required) =>
        throw new ArgumentException($"{name}: holds {length} floats, the call needs {required}.", name);

    [DoesNotReturn]
    [StackTraceHidden]
    public static void ForeignBuffer(string name) =>
        throw new ArgumentException($"{name}: the buffer was not created by this CPU backend.", name);
}
