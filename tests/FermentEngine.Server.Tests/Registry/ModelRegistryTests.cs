using FermentEngine.Server.Registry;
using FermentEngine.Server.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace FermentEngine.Server.Tests.Registry;

public sealed class ModelRegistryTests
{
    private TestServerHost _host = null!;
    private FakeEngine _engine = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _engine = new FakeEngine();
        _host = await TestServerHost.StartAsync(_engine, new Dictionary<string, string?> { ["MaxLoadedModels"] = "1" });
    }

    [TearDown]
    public async Task TearDownAsync() => await _host.DisposeAsync();

    [Test]
    public async Task AddAsync_SameIdAgain_VersionIncrementsAndIsNeverReused()
    {
        var first = await _host.RegisterAsync("broth", new FakeModel(_engine, ["a"]));
        var second = await _host.RegisterAsync("broth", new FakeModel(_engine, ["a"]));
        await _host.Registry.DeleteAsync("broth", 2, CancellationToken.None);

        var third = await _host.RegisterAsync("broth", new FakeModel(_engine, ["a"]));

        Assert.Multiple(() =>
        {
            Assert.That(new[] { first.Version, second.Version, third.Version }, Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(_host.Registry.Find("broth", 0)!.Version, Is.EqualTo(3));
            Assert.That(_host.Registry.List("broth", allVersions: true).Select(r => r.Version),
                Is.EqualTo(new[] { 1, 3 }));
            Assert.That(File.Exists(second.Path), Is.False);
            Assert.That(File.Exists(third.Path), Is.True);
        });
    }

    [Test]
    public async Task Find_DataFolderMoved_ResolvesModelFilesInTheNewFolder()
    {
        await _host.RegisterAsync("broth", new FakeModel(_engine, ["a"]));
        string moved = Directory.CreateTempSubdirectory("fermentengine-moved-").FullName;
        try
        {
            foreach (string file in Directory.EnumerateFiles(_host.DataFolder, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(moved, Path.GetRelativePath(_host.DataFolder, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var options = Microsoft.Extensions.Options.Options.Create(new FermentServerOptions { DataFolder = moved });
            var registry = new ModelRegistry(options,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<ModelRegistry>.Instance);

            var record = registry.Find("broth", 0)!;

            Assert.That(record.Path, Does.StartWith(moved));
            Assert.That(File.Exists(record.Path), Is.True);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(moved, recursive: true);
        }
    }

    [Test]
    public async Task Open_FilesNoRowNames_RemovedAndRegisteredOnesKept()
    {
        var kept = await _host.RegisterAsync("broth", new FakeModel(_engine, ["a"]));
        string folder = Path.GetDirectoryName(kept.Path)!;
        // What a crash leaves: a whole file saved before its row, and a save's temporary.
        string unregistered = Path.Combine(folder, "v2.fmodel");
        string temporary = Path.Combine(folder, "v3.fmodel.tmp-0123456789abcdef");
        string foreign = Path.Combine(folder, "notes.txt");
        File.Copy(kept.Path, unregistered);
        File.WriteAllText(temporary, "half");
        File.WriteAllText(foreign, "not ours");

        var options = Microsoft.Extensions.Options.Options.Create(
            new FermentServerOptions { DataFolder = _host.DataFolder });
        var reopened = new ModelRegistry(options,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ModelRegistry>.Instance);

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(kept.Path), Is.True);
            Assert.That(File.Exists(unregistered), Is.False);
            Assert.That(File.Exists(temporary), Is.False);
            Assert.That(File.Exists(foreign), Is.True);
            Assert.That(reopened.List(null, allVersions: true).Select(r => r.Version), Is.EqualTo(new[] { 1 }));
        });
    }

    [Test]
    public async Task AddAsync_SaveFails_LeavesNoRowAndNoFile()
    {
        _engine.FailSave = true;

        Assert.ThrowsAsync<IOException>(() => _host.RegisterAsync("broken", new FakeModel(_engine, ["a"])));

        Assert.Multiple(() =>
        {
            Assert.That(_host.Registry.Find("broken", 0), Is.Null);
            Assert.That(Directory.EnumerateFiles(Path.Combine(_host.DataFolder, "models"), "*",
                SearchOption.AllDirectories), Is.Empty);
        });
        _engine.FailSave = false;
        Assert.That((await _host.RegisterAsync("broken", new FakeModel(_engine, ["a"]))).Version, Is.EqualTo(1),
            "a failed save uses up no version");
    }

    [Test]
    public async Task Registry_Reopened_KeepsModelsAndMetadata()
    {
        await _host.Registry.AddAsync("kept", new FakeModel(_engine, ["a", "b"]),
            new Dictionary<string, string> { ["site"] = "plant 2" }, CancellationToken.None);
        await using var again = await TestServerHost.StartAsync(_engine,
            new Dictionary<string, string?> { ["DataFolder"] = _host.DataFolder });

        var record = again.Registry.Find("kept", 0);

        Assert.That(record, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(record!.Metadata["site"], Is.EqualTo("plant 2"));
            Assert.That(record.Info.Channels, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(record.FileBytes, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Cache_LeasedModelEvictedOrTrimmed_StaysUsableUntilReleased()
    {
        var cache = _host.Services.GetRequiredService<ModelCache>();
        var one = await _host.RegisterAsync("one", new FakeModel(_engine, ["a"]));
        var two = await _host.RegisterAsync("two", new FakeModel(_engine, ["b"]));
        using var leaseOne = await cache.AcquireAsync(one, CancellationToken.None);

        using (var leaseTwo = await cache.AcquireAsync(two, CancellationToken.None))
        {
            Assert.That(cache.LoadedCount, Is.EqualTo(2), "both are in use, so neither is unloaded");
        }

        Assert.That(cache.LoadedCount, Is.EqualTo(1), "the unused one is trimmed to the limit of 1");
        cache.Evict("one", 1);
        Assert.Multiple(() =>
        {
            Assert.That(cache.LoadedCount, Is.Zero);
            Assert.That(leaseOne.Model.Channels, Is.EqualTo(new[] { "a" }));
        });
    }
}
