using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Microsoft.AspNetCore.TestHost;

namespace FermentEngine.Server.Tests.Services;

/// <summary>What the host offers besides the service: reflection, and its refusal of bad settings.</summary>
public sealed class HostingTests
{
    [Test]
    public async Task Reflection_ListServices_NamesTheFermentService()
    {
        await using var host = await TestServerHost.StartAsync(new Fakes.FakeEngine());
        using var channel = GrpcChannel.ForAddress("http://localhost",
            new GrpcChannelOptions { HttpHandler = host.App.GetTestServer().CreateHandler() });
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.That(await call.ResponseStream.MoveNext(), Is.True);

        Assert.That(call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name),
            Does.Contain("fermentengine.v1.FermentService"));
    }

    [TestCase("MaxBatchRuns", "0", "FermentEngine:MaxBatchRuns: '0'; expected at least 1.")]
    [TestCase("BatchDelay", "00:01:00", "FermentEngine:BatchDelay: '00:01:00'; expected 0 to 10 s.")]
    public void Build_SettingOutOfRange_RefusedNamingTheSetting(string setting, string value, string message)
    {
        var ex = Assert.ThrowsAsync<InvalidOperationException>(() => TestServerHost.StartAsync(
            new Fakes.FakeEngine(), new Dictionary<string, string?> { [setting] = value }));

        Assert.That(ex!.Message, Is.EqualTo(message));
    }

    [Test]
    public void Build_AddressNotHttp_RefusedNamingTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ServerApp.Build(
            ["--FermentEngine:Address=ftp://127.0.0.1:1", "--FermentEngine:DataFolder=" + Path.GetTempPath()]));

        Assert.That(ex!.Message,
            Does.StartWith("FermentEngine:Address: 'ftp://127.0.0.1:1' is not an http:// address"));
    }
}
