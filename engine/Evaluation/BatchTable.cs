using System.Globalization;
using nietras.SeparatedValues;

namespace FermentEngine.Engine.Evaluation;

/// <summary>Reads IndPenSim batch tables (<c>batch,control,fault_code,fault,rows,length_h,...</c>).</summary>
public static class BatchTable
{
    /// <summary>Reads every line of the table.</summary>
    /// <exception cref="FermentDataException">A column is missing or a cell is not a number.</exception>
    public static IReadOnlyList<BatchInfo> Read(string path)
    {
        var batches = new List<BatchInfo>();
        using var reader = Sep.Reader(o => o with { DisableColCountCheck = false }).FromFile(path);
        foreach (var row in reader)
        {
            int line = row.LineNumberFrom;
            string first = row["first_fault_step_h"].ToString();
            batches.Add(new BatchInfo(
                row["batch"].ToString(),
                row["control"].ToString(),
                Parse<int>(row["fault_code"].ToString(), path, line, "fault_code"),
                row["fault"].ToString(),
                Parse<int>(row["rows"].ToString(), path, line, "rows"),
                Parse<double>(row["length_h"].ToString(), path, line, "length_h"),
                first.Length == 0 ? null : Parse<double>(first, path, line, "first_fault_step_h"),
                Parse<double>(row["final_penicillin_g_per_L"].ToString(), path, line, "final_penicillin_g_per_L")));
        }

        return batches;
    }

    private static T Parse<T>(string text, string path, int line, string column)
        where T : ISpanParsable<T> =>
        T.TryParse(text, CultureInfo.InvariantCulture, out T? value)
            ? value
            : throw new FermentDataException($"{path}, line {line}, column '{column}': '{text}' is not a number.",
                path, line, column);
}
