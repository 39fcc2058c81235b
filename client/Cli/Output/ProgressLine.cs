using FermentEngine.Engine.Training;

namespace FermentEngine.Cli.Output;

/// <summary>Shows training progress on one line of standard error, rewritten in place when it is a terminal.</summary>
internal sealed class ProgressLine : IProgress<TrainingProgress>
{
    private readonly TextWriter _error;
    private readonly bool _inPlace;
    private string _lastStage = "";

    public ProgressLine(TextWriter error)
    {
        _error = error;
        _inPlace = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
    }

    public void Report(TrainingProgress value)
    {
        string text = $"training {value.Stage,-9} epoch {value.Epoch,3}/{value.MaxEpochs}  "
            + $"loss {value.TrainingLoss:0.0000}  validation {value.ValidationLoss:0.0000}  "
            + $"{value.Fraction,4:P0}  eta {value.Remaining:mm\\:ss}";
        if (_inPlace)
        {
            _error.Write("\r" + text.PadRight(100));
        }
        else if (value.Stage != _lastStage || value.Epoch % 10 == 0)
        {
            _error.WriteLine(text);
        }

        _lastStage = value.Stage;
    }

    /// <summary>Ends the progress line.</summary>
    public void Done()
    {
        if (_inPlace)
        {
            _error.WriteLine();
        }
    }
}
