using System.Globalization;
using nietras.SeparatedValues;

namespace FermentEngine.Engine.Io;

/// <summary>
/// The header and the first rows of a file, read once before the full pass to settle what the full pass needs:
/// the separator, the decimal mark, which columns hold text, the time format and a row-count estimate.
/// </summary>
internal sealed class CsvPeek
{
    /// <summary>How many data rows the peek classifies (numbers, text, decimal marks).</summary>
    // TODO(#2): a column that is text in these rows and numeric later is skipped as text; re-check in the pass.
    public const int MaxClassifiedRows = 200;

    /// <summary>How many time tokens the peek keeps, to settle a date format.</summary>
    public const int MaxRows = 1000;

    private CsvPeek(char separator, string[] header)
    {
        Separator = separator;
        Header = header;
    }

    public char Separator { get; }

    /// <summary>The header names as written.</summary>
    public string[] Header { get; }

    /// <summary>Values in the first data row; 0 without data rows.</summary>
    public int FirstRowColCount { get; private set; }

    public int RowCount { get; private set; }

    /// <summary>Characters per peeked data row, for sizing buffers.</summary>
    public double CharsPerRow { get; private set; }

    /// <summary>Per data column: tokens that read as a number with a decimal point or none.</summary>
    public int[] NumericCount { get; private set; } = [];

    /// <summary>Per data column: non-empty tokens that are not numbers in either decimal mark.</summary>
    public int[] TextCount { get; private set; } = [];

    /// <summary>Per data column: tokens written with a decimal comma (<c>1,012</c>).</summary>
    public int[] CommaCount { get; private set; } = [];

    /// <summary>Per data column: tokens written with a decimal point (<c>1.012</c>).</summary>
    public int[] DotCount { get; private set; } = [];

    /// <summary>The time column's tokens of the peeked rows, in order.</summary>
    public List<string> TimeTokens { get; } = [];

    /// <summary>
    /// Reads the header and up to <see cref="MaxRows"/> rows, classifying the first <see cref="MaxClassifiedRows"/>
    /// unless the layout is known from the header (then <paramref name="timeIndexOf"/> returns -2 and nothing but
    /// the first row's size is needed).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="gzip">Whether it is gzip-compressed.</param>
    /// <param name="separator">The declared separator, or null to detect it.</param>
    /// <param name="timeIndexOf">Picks the time column's data index from the header; -1 for none, -2 when the
    /// header alone settles the layout.</param>
    public static CsvPeek Read(string path, bool gzip, char? separator, Func<string[], int> timeIndexOf)
    {
        using SepReader reader = CsvSource.OpenSep(path, gzip, separator, decimalComma: false);
        if (!reader.MoveNext())
        {
            throw ReadErrors.EmptyFile(path);
        }

        string[] header = new string[reader.Current.ColCount];
        for (int c = 0; c < header.Length; c++)
        {
            header[c] = reader.Current[c].ToString();
        }

        var peek = new CsvPeek(reader.Spec.Sep.Separator, header);
        peek.ReadRows(reader, timeIndexOf(header));
        return peek;
    }

    private void ReadRows(SepReader reader, int timeIndex)
    {
        long chars = 0;
        int maxRows = timeIndex == -2 ? 1 : MaxRows;
        while (RowCount < maxRows && reader.MoveNext())
        {
            SepReader.Row row = reader.Current;
            if (row.Span.IsEmpty)
            {
                continue;
            }

            if (RowCount == 0)
            {
                FirstRowColCount = row.ColCount;
                Allocate(Math.Max(row.ColCount, Header.Length));
            }

            chars += row.Span.Length + 1;
            RowCount++;
            int cols = RowCount <= MaxClassifiedRows ? Math.Min(row.ColCount, NumericCount.Length) : 0;
            for (int c = 0; c < cols; c++)
            {
                Classify(c, row[c].Span);
            }

            if (timeIndex >= 0 && timeIndex < row.ColCount)
            {
                TimeTokens.Add(row[timeIndex].ToString());
            }
        }

        CharsPerRow = RowCount > 0 ? (double)chars / RowCount : 0;
    }

    private void Allocate(int columns)
    {
        NumericCount = new int[columns];
        TextCount = new int[columns];
        CommaCount = new int[columns];
        DotCount = new int[columns];
    }

    private void Classify(int column, ReadOnlySpan<char> token)
    {
        if (token.IsEmpty)
        {
            return;
        }

        if (NumberText.IsDecimal(token, ','))
        {
            CommaCount[column]++;
            NumericCount[column]++;
        }
        else if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            || NumberText.IsNonFinite(token))
        {
            DotCount[column] += token.Contains('.') ? 1 : 0;
            NumericCount[column]++;
        }
        else
        {
            TextCount[column]++;
        }
    }
}
