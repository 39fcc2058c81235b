namespace FermentEngine.Engine.Scoring;

/// <summary>
/// The settled track of a live run (see <see cref="LiveScorer"/>): each finalised step's raw squared error and
/// level wait in a ring until its normalisation is certain, then are normalised exactly as in a whole-run pass and
/// fed to the track's own smoother and alarm tracker. Not thread-safe.
/// </summary>
internal sealed class SettledTrack
{
    private readonly FermentModel _model;
    private readonly int _channelCount;
    private readonly int _capacity;
    private readonly float[] _squared;
    private readonly float[] _level;
    private readonly ChannelSmoother _smoother;
    private readonly AlarmTracker _alarms;
    private readonly double _critical;

    /// <param name="capacity">Steps the ring holds: at least the finalised steps not yet settled.</param>
    public SettledTrack(FermentModel model, int capacity)
    {
        _model = model;
        _channelCount = model.Channels.Count;
        _capacity = capacity;
        _squared = new float[capacity * _channelCount];
        _level = new float[capacity * _channelCount];
        _smoother = new ChannelSmoother(_channelCount, model.Settings.SmoothingSteps);
        _alarms = new AlarmTracker(model.Settings.AlarmLimit, model.Settings.AlarmPersistence);
        _critical = model.Population.CriticalScore(model.Settings.Significance / 2);
    }

    /// <summary>When the settled score first passed the whole-run limit of the score test, else null.</summary>
    public double? SignificantHours { get; private set; }

    /// <summary>Steps settled so far (the next one to settle).</summary>
    public int Settled { get; private set; }

    /// <summary>The run score over the settled steps.</summary>
    public float Score { get; private set; }

    /// <summary>Time of the first point alarm among the settled steps, else null.</summary>
    public double? FirstAlarmHours => _alarms.FirstAlarmHours;

    /// <summary>Whether a point alarm is active after the last settled step.</summary>
    public bool AlarmActive => _alarms.Active;

    /// <summary>Keeps a finalised step's raw rows until it settles.</summary>
    public void Keep(int step, ReadOnlySpan<float> squared, ReadOnlySpan<float> level)
    {
        int slot = step % _capacity * _channelCount;
        squared.CopyTo(_squared.AsSpan(slot, _channelCount));
        level.CopyTo(_level.AsSpan(slot, _channelCount));
    }

    /// <summary>Settles the next step as a step of a run of <paramref name="totalSteps"/> steps so far.</summary>
    /// <param name="hasEnded">Whether the run ends after <paramref name="totalSteps"/>.</param>
    /// <param name="timeHours">The step's time.</param>
    public void SettleNext(int totalSteps, bool hasEnded, double timeHours)
    {
        int step = Settled++;
        int slot = step % _capacity * _channelCount;
        Span<float> row = stackalloc float[_channelCount];
        ErrorProfile.NormalizeRow(_squared.AsSpan(slot, _channelCount), _level.AsSpan(slot, _channelCount),
            (_model.ErrorNormalizer, _model.LevelNormalizer), step, totalSteps, hasEnded, row);
        float error = _smoother.Push(row);
        Score = MathF.Max(Score, error);
        _alarms.Push(step, error, timeHours);
        if (SignificantHours is null && Score >= _critical)
        {
            SignificantHours = timeHours;
        }
    }
}
