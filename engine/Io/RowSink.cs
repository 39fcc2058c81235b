using System.Globalization;
using nietras.SeparatedValues;

namespace FermentEngine.Engine.Io;

/// <summary>
/// Collects a file's rows as they stream by: channel values (float32, row-major), times, line numbers, run-id and
/// label keys, and every cell that was not a finite number. Holds no row text beyond the row being read.
/// </summary>
internal sealed class RowSink
{
    private readonly ColumnPlan _plan;
    private readonly int[] _source;
    private readonly bool[] _alwaysSparse;
    private readonly CultureInfo _culture;
    private readonly char _otherMark;
    private readonly char[] _previousTime = new char[128];
    private int _previousTimeLength;

    public RowSink(ColumnPlan plan)
    {
        _plan = plan;
        _source = plan.ChannelSource;
        _alwaysSparse = plan.AlwaysSparse;
        _culture = plan.DecimalComma ? CsvSource.DecimalCommaCulture : CultureInfo.InvariantCulture;
        _otherMark = plan.DecimalComma ? '.' : ',';
        int rows = Math.Max(plan.EstimatedRows, 16);
        Values = new Growable<float>((int)Math.Min((long)rows * _source.Length, Array.MaxLength));
        Time = new Growable<double>(rows);
        Lines = new Growable<int>(rows);
        Keys = plan.RunKeys.Where(k => k.SourceIndex >= 0).Select(k => new KeyColumn(k.Column, k.SourceIndex, rows))
            .ToArray();
        Labels = plan.Labels.Select(l => new KeyColumn(l.Column, l.SourceIndex, rows)).ToArray();
        EmptyCount = new int[_source.Length];
        FirstBackwards = new TimeStepBack?[Keys.Length + 1];
    }

    public Growable<float> Values { get; }

    public Growable<double> Time { get; }

    public Growable<int> Lines { get; }

    public KeyColumn[] Keys { get; }

    public KeyColumn[] Labels { get; }

    /// <summary>Empty cells per channel.</summary>
    public int[] EmptyCount { get; }

    /// <summary>Empty cells of channels not always sparse: row index in the high half, channel in the low.</summary>
    public Growable<long> EmptyCells { get; } = new(16);

    /// <summary>Non-empty tokens that were not finite numbers: row index, channel, token as written.</summary>
    public List<(int Row, int Channel, string Token)> BadTokens { get; } = [];

    /// <summary>Tokens written with the other decimal mark: line, channel, token.</summary>
    public List<(int Line, int Channel, string Token)> MixedMarks { get; } = [];

    public int BlankLines { get; private set; }

    /// <summary>The first backwards time step within a run, per run-id column and (last) for the whole file.</summary>
    public TimeStepBack?[] FirstBackwards { get; }

    public int Rows => Time.Count;

    public void Add(SepReader.Row row)
    {
        if (row.Span.IsEmpty)
        {
            BlankLines++;
            return;
        }

        int line = row.LineNumberFrom;
        if (row.ColCount != _plan.ValuesPerRow)
        {
            throw ReadErrors.Ragged(_plan.Path, line, row.ColCount, _plan.ValuesPerRow, _plan.Names);
        }

        int rowIndex = Time.Count;
        bool newRun = AddKeys(row, rowIndex);
        AddTime(row[_plan.TimeIndex], line, rowIndex, newRun);
        Lines.Add(line);
        foreach (KeyColumn label in Labels)
        {
            label.Add(row[label.SourceIndex].Span);
        }

        Span<float> values = Values.Append(_source.Length);
        for (int k = 0; k < _source.Length; k++)
        {
            SepReader.Col col = row[_source[k]];
            values[k] = col.TryParse(out float v) && float.IsFinite(v) ? v : Unusual(col.Span, rowIndex, line, k);
        }
    }

    private bool AddKeys(SepReader.Row row, int rowIndex)
    {
        foreach (KeyColumn key in Keys)
        {
            key.Add(row[key.SourceIndex].Span);
        }

        return rowIndex == 0 || (Keys.Length > 0 && Keys[0].Rows[rowIndex] != Keys[0].Rows[rowIndex - 1]);
    }

    private void AddTime(SepReader.Col col, int line, int rowIndex, bool newRun)
    {
        ReadOnlySpan<char> token = col.Span;
        double hours = 0;
        bool fast = _plan.Time.Kind == TimeKind.Numeric && col.TryParse(out hours) && double.IsFinite(hours);
        hours *= _plan.Time.HoursPerUnit;
        if (!fast && !_plan.Time.TryParse(token.Trim(), newRun, out hours))
        {
            throw ReadErrors.BadTime(_plan.Path, line, _plan.Names[_plan.TimeIndex], token.ToString(),
                _plan.Time.Expected);
        }

        if (rowIndex > 0 && hours < Time[rowIndex - 1])
        {
            NoteBackwards(token, line, rowIndex);
        }

        Time.Add(hours);
        int length = Math.Min(token.Length, _previousTime.Length);
        token[..length].CopyTo(_previousTime);
        _previousTimeLength = length;
    }

    private void NoteBackwards(ReadOnlySpan<char> token, int line, int rowIndex)
    {
        for (int k = 0; k <= Keys.Length; k++)
        {
            bool sameRun = k == Keys.Length || Keys[k].Rows[rowIndex] == Keys[k].Rows[rowIndex - 1];
            if (sameRun && FirstBackwards[k] is null)
            {
                string previous = new(_previousTime, 0, _previousTimeLength);
                FirstBackwards[k] = new TimeStepBack(line, Lines[rowIndex - 1], previous, token.ToString());
            }
        }
    }

    private float Unusual(ReadOnlySpan<char> token, int rowIndex, int line, int channel)
    {
        ReadOnlySpan<char> trimmed = token.Trim();
        if (trimmed.IsEmpty)
        {
            EmptyCount[channel]++;
            if (!_alwaysSparse[channel])
            {
                EmptyCells.Add(((long)rowIndex << 32) | (uint)channel);
            }

            return float.NaN;
        }

        if (float.TryParse(trimmed, NumberStyles.Float, _culture, out float value) && float.IsFinite(value))
        {
            return value;
        }

        if (NumberText.IsDecimal(trimmed, _otherMark))
        {
            MixedMarks.Add((line, channel, trimmed.ToString()));
        }
        else
        {
            BadTokens.Add((rowIndex, channel, token.ToString()));
        }

        return float.NaN;
    }
}
