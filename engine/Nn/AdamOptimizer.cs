using FermentEngine.Engine.Backends;

namespace FermentEngine.Engine.Nn;

/// <summary>
/// Adam over a fixed list of parameters, with bias correction: after t steps,
/// θ ← θ − α · m̂ / (√v̂ + ε) with m̂ = m / (1 − β1^t) and v̂ = v / (1 − β2^t). Moments start
/// at zero.
/// </summary>
/// <remarks>Not thread-safe; no model call may run during <see cref="Step"/>.</remarks>
public sealed class AdamOptimizer
{
    private readonly Parameter[] _parameters;
    private readonly BackendBuffer[] _first;
    private readonly BackendBuffer[] _second;
    private readonly IBackend _backend;

    /// <param name="parameters">Parameters to update, e.g. <see cref="ConvAutoencoder.Parameters"/>.</param>
    /// <param name="backend">Where the update runs.</param>
    /// <param name="learningRate">α (&gt; 0).</param>
    /// <param name="beta1">First-moment decay in [0, 1).</param>
    /// <param name="beta2">Second-moment decay in [0, 1).</param>
    /// <param name="epsilon">Denominator guard (&gt; 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range.</exception>
    public AdamOptimizer(IReadOnlyList<Parameter> parameters, IBackend backend, double learningRate = 1e-3,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(beta1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(beta1, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegative(beta2);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(beta2, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        _parameters = parameters.ToArray();
        _backend = backend;
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        _first = _parameters.Select(p => backend.Allocate(p.Count)).ToArray();
        _second = _parameters.Select(p => backend.Allocate(p.Count)).ToArray();
    }

    /// <summary>α; may be changed between steps (e.g. by a schedule).</summary>
    public double LearningRate { get; set; }

    /// <summary>β1.</summary>
    public double Beta1 { get; }

    /// <summary>β2.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>Updates taken so far.</summary>
    public int StepCount { get; private set; }

    /// <summary>One update of every parameter from its current <see cref="Parameter.Gradient"/>.</summary>
    public void Step()
    {
        StepCount++;
        var settings = new AdamSettings(LearningRate, Beta1, Beta2, Epsilon, StepCount);
        for (int i = 0; i < _parameters.Length; i++)
        {
            (BackendBuffer value, BackendBuffer gradient) = _parameters[i].On(_backend);
            _backend.PushHost(value);
            _backend.PushHost(gradient);
            _backend.AdamUpdate(value, gradient, _first[i], _second[i], _parameters[i].Count, settings);
            _backend.PullHost(value);
        }
    }
}
