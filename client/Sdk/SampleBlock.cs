namespace FermentEngine.Client;

/// <summary>
/// Consecutive samples of a running batch: elapsed hours and a float32 matrix <c>[time × channel]</c>,
/// row-major, in the channel order given when the stream started.
/// </summary>
/// <param name="TimeHours">Elapsed hours of each sample, increasing, later than every earlier block's.</param>
/// <param name="Values">Row-major <c>[time × channel]</c> values; NaN marks a missing cell.</param>
public readonly record struct SampleBlock(ReadOnlyMemory<double> TimeHours, ReadOnlyMemory<float> Values);
