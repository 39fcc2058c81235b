using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FermentEngine.Protos;
using FermentEngine.Protos.V1;
using FermentEngine.Server.Wire;
using Google.Protobuf;

namespace FermentEngine.Server.Tests.Wire;

/// <summary>The server's runs view the request's bytes; nothing is copied on the way to the engine.</summary>
public sealed class ZeroCopyTests
{
    private static readonly RunChecks s_checks = new(null, "'m'", CompleteChannels: null, SameChannels: false);

    [Test]
    public void Decode_WrappedBytes_ValuesShareTheArray()
    {
        byte[] bytes = new byte[4 * 3 * sizeof(float)];
        var run = WireRuns.Create("g1");
        run.Data.Values.Span.CopyTo(bytes);
        run.Data.Values = UnsafeByteOperations.UnsafeWrap(bytes);

        var decoded = new RunDecoder(new FermentServerOptions()).Decode([run], "runs", s_checks)[0];
        MemoryMarshal.Cast<byte, float>(bytes.AsSpan())[5] = 42f;

        Assert.Multiple(() =>
        {
            Assert.That(decoded.Values.Span[5], Is.EqualTo(42f), "a change to the bytes shows through");
            Assert.That(Unsafe.AreSame(
                ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(decoded.Values.Span)),
                ref bytes[0]), Is.True);
        });
    }

    [Test]
    public void Decode_ParsedMessage_ValuesPointIntoTheMessageBytes()
    {
        var request = new ScoreRequest { ModelId = "m" };
        request.Runs.Add(WireRuns.Create("g1", steps: 9));
        var parsed = ScoreRequest.Parser.ParseFrom(request.ToByteArray());

        var decoded = new RunDecoder(new FermentServerOptions()).Decode(parsed.Runs, "runs", s_checks)[0];

        Assert.Multiple(() =>
        {
            Assert.That(Unsafe.AreSame(
                ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(decoded.Values.Span)),
                ref MemoryMarshal.GetReference(parsed.Runs[0].Data.Values.Span)), Is.True);
            Assert.That(decoded.Values.ToArray(),
                Is.EqualTo(WireFloats.AsFloats(request.Runs[0].Data.Values).ToArray()));
        });
    }

    [Test]
    public void Decode_ChannelKinds_SparseChannelsMarked()
    {
        var run = WireRuns.Create("g1");
        run.Data.ChannelKinds.Add([ChannelKind.Continuous, ChannelKind.Sparse, ChannelKind.Unspecified]);

        var decoded = new RunDecoder(new FermentServerOptions()).Decode([run], "runs", s_checks)[0];

        Assert.That(decoded.Channels.Select(c => c.Kind), Is.EqualTo(new[]
        {
            Engine.Runs.ChannelKind.Continuous, Engine.Runs.ChannelKind.Sparse, Engine.Runs.ChannelKind.Continuous,
        }));
    }

    [Test]
    public unsafe void AsFloats_Pinned_PointsAtTheBytes()
    {
        byte[] bytes = new byte[16];
        var floats = WireFloats.AsFloats(UnsafeByteOperations.UnsafeWrap(bytes));

        using var handle = floats[1..].Pin();
        fixed (byte* start = bytes)
        {
            Assert.That((nint)handle.Pointer, Is.EqualTo((nint)(start + sizeof(float))));
        }
    }

    [Test]
    public void Wrap_FloatArray_BytesShareTheArray()
    {
        float[] stepErrors = [0.5f, 1.5f, 2.5f];

        ByteString wrapped = WireFloats.Wrap(stepErrors);
        stepErrors[2] = 9f;

        Assert.Multiple(() =>
        {
            Assert.That(wrapped.Length, Is.EqualTo(12));
            Assert.That(MemoryMarshal.Cast<byte, float>(wrapped.Span)[2], Is.EqualTo(9f));
            Assert.That(Unsafe.AreSame(ref MemoryMarshal.GetReference(wrapped.Span),
                ref Unsafe.As<float, byte>(ref stepErrors[0])), Is.True);
        });
    }

    [Test]
    public void AsFloats_OddLength_Refused()
    {
        Assert.Throws<ArgumentException>(() => WireFloats.AsFloats(ByteString.CopyFrom(new byte[7])));
    }

    [TestCase(0), TestCase(1), TestCase(7), TestCase(8), TestCase(9), TestCase(33)]
    public void IndexOfDisallowed_InfAtEachPosition_Found(int length)
    {
        for (int bad = 0; bad < length; bad++)
        {
            var values = Enumerable.Range(0, length).Select(i => (float)i).ToArray();
            values[bad] = float.NegativeInfinity;
            Assert.That(NonFinite.IndexOfDisallowed(values, allowNaN: true), Is.EqualTo(bad));
        }

        var clean = Enumerable.Range(0, length).Select(i => i % 3 == 0 ? float.NaN : i).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(NonFinite.IndexOfDisallowed(clean, allowNaN: true), Is.EqualTo(-1));
            Assert.That(NonFinite.IndexOfDisallowed(clean, allowNaN: false), Is.EqualTo(length > 0 ? 0 : -1));
        });
    }
}
