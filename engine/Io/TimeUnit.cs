namespace FermentEngine.Engine.Io;

/// <summary>The unit of a numeric time column; readers convert it to hours.</summary>
public enum TimeUnit
{
    /// <summary>Hours (IndPenSim's <c>Time (h)</c>).</summary>
    Hours,

    /// <summary>Minutes.</summary>
    Minutes,

    /// <summary>Seconds.</summary>
    Seconds,
}
