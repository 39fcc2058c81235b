namespace FermentEngine.Engine.Scoring;

/// <summary>What a model file says about itself.</summary>
/// <param name="FormatVersion">Model file format version.</param>
/// <param name="EngineVersion">Version of the engine that trained it.</param>
/// <param name="CreatedUtc">When training finished.</param>
/// <param name="Fingerprint">SHA-256 (hex) of the training runs' selected values and names.</param>
/// <param name="Channels">Input channels in order.</param>
/// <param name="TrainingRuns">Names of the runs the final network was trained on.</param>
/// <param name="PopulationSize">Runs in the reference population.</param>
/// <param name="PopulationMean">Mean of the reference scores.</param>
/// <param name="PopulationStdDev">Standard deviation of the reference scores.</param>
/// <param name="PopulationMedian">Median of the reference scores.</param>
/// <param name="Significance">Flagging threshold on p.</param>
/// <param name="DriftSteps">Trailing window of the per-channel drift test, in steps; 0 when the test is off (as in
/// <see cref="ScoringSettings.DriftSteps"/>). Descriptions stored before the drift test read as 0.</param>
public sealed record ModelInfo(
    int FormatVersion,
    string EngineVersion,
    DateTimeOffset CreatedUtc,
    string Fingerprint,
    IReadOnlyList<string> Channels,
    IReadOnlyList<string> TrainingRuns,
    int PopulationSize,
    double PopulationMean,
    double PopulationStdDev,
    double PopulationMedian,
    double Significance,
    int DriftSteps);
