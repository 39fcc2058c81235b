using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FermentEngine.Engine.Backends.Cpu;
using FermentEngine.Engine.Nn;
using FermentEngine.Engine.Preprocessing;
using FermentEngine.Engine.Training;

namespace FermentEngine.Engine.Scoring;

/// <summary>
/// Model files: the magic <c>FERMENT\0</c>, the format version (int32), a UTF-8 JSON metadata block (length-
/// prefixed), named float32 tensors (weights, normalisers, the reference runs' running scores and drift curves),
/// and a SHA-256 of all preceding bytes. All integers and floats little-endian.
/// </summary>
public sealed partial class FermentModel
{
    /// <summary>The model file format this engine writes and reads.</summary>
    public const int FormatVersion = 2;

    private const string ReferencePrefix = "reference/";
    private const string OpenReferencePrefix = "reference-open/";
    private const string DriftPrefix = "drift/";
    private const string NormalizerPrefix = "normalizer/";
    private const string TrajectoryTensor = "preprocessor/trajectory";
    private static readonly byte[] s_magic = "FERMENT\0"u8.ToArray();
    private static readonly JsonSerializerOptions s_json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the model file atomically: a temporary file beside it, flushed to disk, then renamed.</summary>
    /// <exception cref="IOException">The file could not be written; an existing file at the path is untouched.
    /// </exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        string temp = full + $".tmp-{Guid.NewGuid():N}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Save(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Writes the model to a stream.</summary>
    public void Save(Stream stream)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(s_magic);
            writer.Write(FormatVersion);
            byte[] metadata = JsonSerializer.SerializeToUtf8Bytes(Describe(), s_json);
            writer.Write(metadata.Length);
            writer.Write(metadata);
            var tensors = _network.Parameters.Select(p => (p.Name, p.Value))
                .Concat(NormalizerTensors("error/", ErrorNormalizer))
                .Concat(NormalizerTensors("level/", LevelNormalizer))
                .Append((TrajectoryTensor, Preprocessor.Trajectory))
                .Concat(Population.Runs.Select((run, i) => (ReferencePrefix + run, Population.RunningScores[i])))
                .Concat(Population.Runs.Select((run, i) =>
                    (OpenReferencePrefix + run, Population.OpenRunningScores[i])))
                .Concat(Drift is null ? [] : Drift.Runs.Select((run, i) => (DriftPrefix + run, Drift.Curves[i])))
                .ToList();
            writer.Write(tensors.Count);
            foreach (var (name, values) in tensors)
            {
                writer.Write(name);
                writer.Write(values.Length);
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            }
        }

        byte[] body = buffer.ToArray();
        stream.Write(body);
        stream.Write(SHA256.HashData(body));
    }

    /// <summary>Reads a model file, verifying its format version and checksum.</summary>
    /// <exception cref="FermentDataException">The file is not a model, is damaged, or is of a newer format.</exception>
    public static FermentModel Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new FermentDataException($"Model file '{path}' does not exist.", path);
        }

        return Load(bytes, path);
    }

    /// <summary>Reads a model from its file bytes; <paramref name="name"/> is used in messages.</summary>
    public static FermentModel Load(ReadOnlySpan<byte> bytes, string name)
    {
        const int HashLength = 32;
        if (bytes.Length < s_magic.Length + 8 + HashLength || !bytes[..s_magic.Length].SequenceEqual(s_magic))
        {
            throw new FermentDataException($"'{name}' is not a FermentEngine model file.", name);
        }

        ReadOnlySpan<byte> body = bytes[..^HashLength];
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes[^HashLength..]))
        {
            throw new FermentDataException($"Model file '{name}' is damaged: its checksum does not match.", name);
        }

        using var reader = new BinaryReader(new MemoryStream(body.ToArray()), Encoding.UTF8);
        reader.ReadBytes(s_magic.Length);
        int version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new FermentDataException(
                $"Model file '{name}' has format version {version}; this engine reads version {FormatVersion}.", name);
        }

        var metadata = JsonSerializer.Deserialize<ModelFileMetadata>(reader.ReadBytes(reader.ReadInt32()), s_json)
            ?? throw new FermentDataException($"Model file '{name}' has no metadata.", name);
        var tensors = new Dictionary<string, float[]>();
        for (int count = reader.ReadInt32(), i = 0; i < count; i++)
        {
            string tensorName = reader.ReadString();
            var values = new float[reader.ReadInt32()];
            reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            tensors[tensorName] = values;
        }

        return FromMetadata(metadata, tensors, name);
    }

    private static IEnumerable<(string, float[])> NormalizerTensors(string part, ErrorNormalizer normalizer) =>
    [
        (NormalizerPrefix + part + "interior", normalizer.Interior),
        (NormalizerPrefix + part + "start", normalizer.Start),
        (NormalizerPrefix + part + "end", normalizer.End),
    ];

    private ModelFileMetadata Describe() => new(
        Info,
        new ArchitectureMetadata(Architecture.ChannelCount, Architecture.Widths.ToArray(), Architecture.KernelSize,
            Architecture.Stride),
        new PreprocessorMetadata(Preprocessor.Channels.ToArray(), Preprocessor.Normalization,
            Preprocessor.MissingValues, Preprocessor.Center, Preprocessor.Scale, Preprocessor.IsConstant),
        Settings,
        Population.Runs.ToArray(),
        ErrorNormalizer.EdgeSteps,
        Report);

    private static FermentModel FromMetadata(
        ModelFileMetadata metadata, Dictionary<string, float[]> tensors, string name)
    {
        var a = metadata.Architecture;
        var network = new ConvAutoencoder(new AutoencoderArchitecture(a.ChannelCount, a.Widths, a.KernelSize, a.Stride),
            CpuBackend.Shared, seed: 0);
        foreach (var parameter in network.Parameters)
        {
            if (!tensors.TryGetValue(parameter.Name, out float[]? values) || values.Length != parameter.Value.Length)
            {
                throw new FermentDataException(
                    $"Model file '{name}' lacks weights '{parameter.Name}' of {parameter.Value.Length} values.", name);
            }

            values.CopyTo(parameter.Value, 0);
        }

        float[] Tensor(string key) => tensors.TryGetValue(key, out var values)
            ? values
            : throw new FermentDataException($"Model file '{name}' lacks the tensor '{key}'.", name);
        var curves = metadata.ReferenceRuns.Select(run => Tensor(ReferencePrefix + run)).ToList();
        ErrorNormalizer Normalizer(string part) => new(metadata.EdgeSteps, Tensor(NormalizerPrefix + part + "interior"),
            Tensor(NormalizerPrefix + part + "start"), Tensor(NormalizerPrefix + part + "end"));
        var p = metadata.Preprocessor;
        var preprocessor = new Preprocessor(p.Channels, p.Normalization, p.MissingValues, p.Center, p.Scale,
            p.IsConstant, Tensor(TrajectoryTensor));
        var drift = metadata.Settings.DriftSteps > 0
            ? new DriftReference(metadata.Settings.DriftSteps, metadata.ReferenceRuns,
                metadata.ReferenceRuns.Select(run => Tensor(DriftPrefix + run)).ToList(),
                p.IsConstant.Select(constant => !constant).ToArray())
            : null;
        return new FermentModel(preprocessor, network, Normalizer("error/"), Normalizer("level/"),
            new ReferencePopulation(metadata.ReferenceRuns, curves,
                metadata.ReferenceRuns.Select(run => Tensor(OpenReferencePrefix + run)).ToList()), drift,
            metadata.Settings, metadata.Info, metadata.Report);
    }

    private sealed record ArchitectureMetadata(int ChannelCount, int[] Widths, int KernelSize, int Stride);

    private sealed record PreprocessorMetadata(
        string[] Channels, NormalizationKind Normalization, MissingValuePolicy MissingValues, float[] Center,
        float[] Scale, bool[] IsConstant);

    private sealed record ModelFileMetadata(
        ModelInfo Info, ArchitectureMetadata Architecture, PreprocessorMetadata Preprocessor,
        ScoringSettings Settings, string[] ReferenceRuns, int EdgeSteps, TrainingReport Report);
}
