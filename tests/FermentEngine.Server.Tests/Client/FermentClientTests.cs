using FermentEngine.Client;
using FermentEngine.Server.Tests.Fakes;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FermentEngine.Server.Tests.Client;

/// <summary>The SDK's retry policy, deadlines and argument checks.</summary>
public sealed class FermentClientTests
{
    private TestServerHost _host = null!;
    private FlakyInterceptor _flaky = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _flaky = new FlakyInterceptor();
        _host = await TestServerHost.StartAsync(new FakeEngine(), configure: builder =>
        {
            builder.Services.AddSingleton(_flaky);
            builder.Services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<FlakyInterceptor>());
        });
    }

    [TearDown]
    public async Task TearDownAsync() => await _host.DisposeAsync();

    [Test]
    public async Task ListModelsAsync_ServerUnavailableTwice_RetriedAndSucceeds()
    {
        var models = await _host.Client.ListModelsAsync();

        Assert.That(models, Is.Empty);
        Assert.That(_flaky.Attempts("ListModels"), Is.EqualTo(3));
    }

    [Test]
    public void DeleteModelAsync_ServerUnavailable_NotRetried()
    {
        var ex = Assert.ThrowsAsync<RpcException>(() => _host.Client.DeleteModelAsync("broth"));

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
        Assert.That(_flaky.Attempts("DeleteModel"), Is.EqualTo(1));
    }

    [Test]
    public void ListModelsAsync_RetriesTurnedOff_FailsAtFirstAttempt()
    {
        var options = new FermentClientOptions
        {
            MaxAttempts = 1,
            HttpHandler = _host.App.GetTestServer().CreateHandler(),
        };
        using var client = new FermentClient(new Uri("http://localhost"), options);

        var ex = Assert.ThrowsAsync<RpcException>(() => client.ListModelsAsync());

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
        Assert.That(_flaky.Attempts("ListModels"), Is.EqualTo(1));
    }

    [Test]
    public void Constructor_NotHttpAddress_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => _ = new FermentClient(new Uri("ftp://127.0.0.1:5170")));
    }

    [Test]
    public void RunPayload_ValuesDoNotFillSteps_ArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            _ = new RunPayload("r1", ["a", "b"], new double[] { 0, 1, 2 }, new float[5]));

        Assert.That(ex!.Message, Does.StartWith("Run 'r1': 5 values do not fill 3 steps x 2 channels."));
    }
}
