using System.IO.Compression;
using System.Text;
using nietras.SeparatedValues;

namespace FermentEngine.Engine.Io;

/// <summary>Opens a run file as text, through gzip when the file starts with the gzip magic bytes.</summary>
internal static class CsvSource
{
    private const int BufferBytes = 1 << 16;

    public static bool IsGzip(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 16);
        Span<byte> magic = stackalloc byte[2];
        int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        return read == 2 ? magic[0] == 0x1f && magic[1] == 0x8b : path.EndsWith(".gz", StringComparison.Ordinal);
    }

    public static TextReader OpenText(string path, bool gzip)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes);
        if (gzip)
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferBytes);
    }

    /// <summary>A Sep reader over the file: no header handling (the caller checks names), quotes unescaped.</summary>
    public static SepReader OpenSep(string path, bool gzip, char? separator, bool decimalComma)
    {
        var options = new SepReaderOptions(separator is char c ? new Sep(c) : null)
        {
            HasHeader = false,
            DisableColCountCheck = true,
            Unescape = true,
            CultureInfo = decimalComma ? DecimalCommaCulture : System.Globalization.CultureInfo.InvariantCulture,
        };
        return options.From(OpenText(path, gzip));
    }

    /// <summary>The invariant culture with a comma as decimal separator (no thousands grouping).</summary>
    public static System.Globalization.CultureInfo DecimalCommaCulture { get; } = CreateDecimalCommaCulture();

    private static System.Globalization.CultureInfo CreateDecimalCommaCulture()
    {
        var culture = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = "\u00a0";
        return System.Globalization.CultureInfo.ReadOnly(culture);
    }
}
