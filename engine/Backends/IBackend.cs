namespace FermentEngine.Engine.Backends;

/// <summary>
/// The kernel and memory boundary of the network: every numeric operation of a layer, the loss and the optimizer
/// runs through one of these calls on <see cref="BackendBuffer"/> handles, so that the model and the training loop
/// do not know whether the CPU or a GPU does the work.
/// </summary>
/// <remarks>
/// Activations are channels-first, [batch × channel × time] row-major, time contiguous. Every kernel is
/// deterministic: each output element is reduced in a fixed order, so repeated calls give bit-identical results.
/// Implementations are thread-safe for concurrent calls on distinct output buffers. Buffer lengths are checked;
/// a too-short buffer throws <see cref="ArgumentException"/>.
/// </remarks>
public interface IBackend
{
    /// <summary>Short name of the backend and its instruction set, e.g. "cpu-vector512".</summary>
    string Name { get; }

    /// <summary>A zero-filled buffer of <paramref name="length"/> floats owned by the caller (dispose it).</summary>
    BackendBuffer Allocate(int length);

    /// <summary>
    /// A buffer bound to a host array, for parameters and their gradients. The CPU shares the array's memory;
    /// other backends copy on <see cref="PushHost"/> and <see cref="PullHost"/>.
    /// </summary>
    BackendBuffer Mirror(float[] host);

    /// <summary>Makes the backend copy of a <see cref="Mirror"/> buffer equal its host array.</summary>
    void PushHost(BackendBuffer mirror);

    /// <summary>Makes the host array of a <see cref="Mirror"/> buffer equal the backend copy.</summary>
    void PullHost(BackendBuffer mirror);

    /// <summary>A scratch buffer of at least <paramref name="length"/> floats with undefined contents.</summary>
    /// <remarks>Give it back with <see cref="Return"/>; thread-safe.</remarks>
    BackendBuffer Rent(int length);

    /// <summary>Gives a <see cref="Rent"/> buffer back to the pool.</summary>
    void Return(BackendBuffer buffer);

    /// <summary>Copies [batch × length × channels] time-major host data into channels-first layout.</summary>
    void UploadTimeMajor(ReadOnlySpan<float> source, int batch, int length, int channels, BackendBuffer destination);

    /// <summary>Copies channels-first backend data out as [batch × length × channels] time-major host data.</summary>
    void DownloadTimeMajor(BackendBuffer source, int batch, int length, int channels, Span<float> destination);

    /// <summary>output = conv(input, weight) + bias; see <see cref="Conv1dGeometry"/> for the layouts.</summary>
    void Conv1dForward(
        in Conv1dGeometry geometry, int batch, BackendBuffer input, BackendBuffer weight, BackendBuffer bias,
        BackendBuffer output);

    /// <summary>gradInput = ∂(Σ gradOutput ⊙ output)/∂input (overwritten).</summary>
    void Conv1dBackwardData(
        in Conv1dGeometry geometry, int batch, BackendBuffer gradOutput, BackendBuffer weight,
        BackendBuffer gradInput);

    /// <summary>gradWeight = ∂(Σ gradOutput ⊙ output)/∂weight summed over the batch (overwritten).</summary>
    void Conv1dBackwardWeights(
        in Conv1dGeometry geometry, int batch, BackendBuffer input, BackendBuffer gradOutput,
        BackendBuffer gradWeight);

    /// <summary>output = convᵀ(input, weight) + bias; see <see cref="ConvTranspose1dGeometry"/>.</summary>
    void ConvTranspose1dForward(
        in ConvTranspose1dGeometry geometry, int batch, BackendBuffer input, BackendBuffer weight,
        BackendBuffer bias, BackendBuffer output);

    /// <summary>gradInput of a transposed convolution (overwritten).</summary>
    void ConvTranspose1dBackwardData(
        in ConvTranspose1dGeometry geometry, int batch, BackendBuffer gradOutput, BackendBuffer weight,
        BackendBuffer gradInput);

    /// <summary>gradWeight of a transposed convolution summed over the batch (overwritten).</summary>
    void ConvTranspose1dBackwardWeights(
        in ConvTranspose1dGeometry geometry, int batch, BackendBuffer input, BackendBuffer gradOutput,
        BackendBuffer gradWeight);

    /// <summary>
    /// All gradients of a convolution in one call (each overwritten): weight and bias, and the input unless
    /// <paramref name="gradInput"/> is null. Equal to the three separate calls; a backend may share work.
    /// </summary>
    void Conv1dBackward(
        in Conv1dGeometry geometry, int batch, BackendBuffer input, BackendBuffer gradOutput, BackendBuffer weight,
        BackendBuffer gradWeight, BackendBuffer gradBias, BackendBuffer? gradInput);

    /// <summary>All gradients of a transposed convolution in one call; see <see cref="Conv1dBackward"/>.</summary>
    void ConvTranspose1dBackward(
        in ConvTranspose1dGeometry geometry, int batch, BackendBuffer input, BackendBuffer gradOutput,
        BackendBuffer weight, BackendBuffer gradWeight, BackendBuffer gradBias, BackendBuffer? gradInput);

    /// <summary>gradBias[c] = Σ over batch and time of gradOutput[b, c, t] (overwritten).</summary>
    void BiasGradient(BackendBuffer gradOutput, int batch, int channels, int length, BackendBuffer gradBias);

    /// <summary>ELU (α = 1) in place on the first <paramref name="count"/> floats: x &gt; 0 ? x : eˣ − 1.</summary>
    void EluForward(BackendBuffer values, int count);

    /// <summary>gradient ⊙= ELU′, computed from the ELU output: y &gt; 0 ? 1 : y + 1.</summary>
    void EluBackward(BackendBuffer output, BackendBuffer gradient, int count);

    /// <summary>
    /// Mean squared error over <paramref name="count"/> cells; writes ∂loss/∂prediction = 2(p − t)/count into
    /// <paramref name="gradient"/> and returns the loss. NaN in either input propagates into the loss.
    /// </summary>
    float MseLoss(BackendBuffer prediction, BackendBuffer target, int count, BackendBuffer gradient);

    /// <summary>One bias-corrected Adam update of <paramref name="value"/> and both moment buffers in place.</summary>
    void AdamUpdate(
        BackendBuffer value, BackendBuffer gradient, BackendBuffer firstMoment, BackendBuffer secondMoment,
        int count, in AdamSettings settings);
}
