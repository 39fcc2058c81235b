using System.Globalization;
using System.Text.Json;
using FermentEngine.Engine.Scoring;
using FermentEngine.Server.EngineAccess;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FermentEngine.Server.Registry;

/// <summary>
/// The stored models: a SQLite table of versions beside a folder of model files. A version's row is inserted
/// only once its file is complete, and deleted before its file, so a row always names a whole file. A file that no
/// row names (a save or delete cut short by a crash: the caller was never told it succeeded) is removed when the
/// registry opens.
/// </summary>
/// <remarks>Thread-safe; registrations are serialised so that versions increase without gaps in use. One server per
/// data folder: a second one opening it would remove the first one's file between its save and its row.</remarks>
internal sealed partial class ModelRegistry
{
    private readonly string _connectionString;
    private readonly string _modelsFolder;
    private readonly ILogger<ModelRegistry> _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    // Rows hold model paths relative to this folder, so a data folder that is moved or restored keeps working.
    private readonly string _dataFolder;

    public ModelRegistry(IOptions<FermentServerOptions> options, ILogger<ModelRegistry> logger)
    {
        string dataFolder = options.Value.ResolveDataFolder();
        _dataFolder = Path.GetFullPath(dataFolder);
        Directory.CreateDirectory(dataFolder);
        _modelsFolder = Path.Combine(dataFolder, "models");
        Directory.CreateDirectory(_modelsFolder);
        string databasePath = Path.Combine(dataFolder, options.Value.RegistryFile);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();
        _logger = logger;
        CreateSchema();
        var records = List(null, allVersions: true);
        RemoveUnregistered(records);
        RegistryLog.Opened(logger, databasePath, records.Count);
    }

    /// <summary>Saves the model as the next version of <paramref name="modelId"/> and registers it.</summary>
    /// <remarks>On any failure no row is left and the file is removed.</remarks>
    public async Task<ModelRecord> AddAsync(
        string modelId, IScoringModel model, IReadOnlyDictionary<string, string> metadata, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            int version = LastVersion(modelId) + 1;
            string folder = Path.Combine(_modelsFolder, modelId);
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, $"v{version}.fmodel");
            var record = new ModelRecord(modelId, version, DateTimeOffset.UtcNow, path, 0, metadata, model.Info);
            try
            {
                model.Save(path);
                record = record with { FileBytes = new FileInfo(path).Length };
                Insert(record);
            }
            catch (Exception ex)
            {
                RegistryLog.SaveFailed(_logger, ex, modelId, version);
                TryDelete(path);
                throw;
            }

            RegistryLog.Registered(_logger, modelId, version, record.FileBytes);
            return record;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The version asked for (0 = the latest), or null.</summary>
    public ModelRecord? Find(string modelId, int version)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = version == 0
            ? "SELECT * FROM models WHERE id = $id ORDER BY version DESC LIMIT 1"
            : "SELECT * FROM models WHERE id = $id AND version = $version";
        command.Parameters.AddWithValue("$id", modelId);
        command.Parameters.AddWithValue("$version", version);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRecord(reader) : null;
    }

    /// <summary>Stored versions, by id then version; only the latest of each id unless
    /// <paramref name="allVersions"/>.</summary>
    public IReadOnlyList<ModelRecord> List(string? modelId, bool allVersions)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        string filter = string.IsNullOrEmpty(modelId) ? "" : "WHERE m.id = $id";
        command.CommandText = allVersions
            ? $"SELECT * FROM models m {filter} ORDER BY m.id, m.version"
            : $"SELECT * FROM models m {filter} {(filter.Length == 0 ? "WHERE" : "AND")} m.version = "
              + "(SELECT MAX(version) FROM models x WHERE x.id = m.id) ORDER BY m.id";
        command.Parameters.AddWithValue("$id", modelId ?? "");
        using var reader = command.ExecuteReader();
        var records = new List<ModelRecord>();
        while (reader.Read())
        {
            records.Add(ReadRecord(reader));
        }

        return records;
    }

    /// <summary>Deletes one version (or all, for 0): rows first, then files. Returns what was deleted.</summary>
    public async Task<IReadOnlyList<ModelRecord>> DeleteAsync(string modelId, int version, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            IReadOnlyList<ModelRecord> doomed = version == 0
                ? List(modelId, allVersions: true)
                : Find(modelId, version) is { } one ? [one] : [];
            using (var connection = Open())
            using (var command = connection.CreateCommand())
            {
                command.CommandText = version == 0
                    ? "DELETE FROM models WHERE id = $id"
                    : "DELETE FROM models WHERE id = $id AND version = $version";
                command.Parameters.AddWithValue("$id", modelId);
                command.Parameters.AddWithValue("$version", version);
                command.ExecuteNonQuery();
            }

            foreach (var record in doomed)
            {
                RegistryLog.Deleted(_logger, record.Id, record.Version);
                TryDelete(record.Path);
            }

            return doomed;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Checks that the database answers; for health checks.</summary>
    public bool Ping()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    // Model files and save temporaries under models/ that no row names.
    private void RemoveUnregistered(IReadOnlyList<ModelRecord> records)
    {
        var named = records.Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(_modelsFolder, "*", SearchOption.AllDirectories))
        {
            string name = Path.GetFileName(path);
            bool ours = name.EndsWith(".fmodel", StringComparison.Ordinal) || name.Contains(".fmodel.tmp-");
            if (ours && !named.Contains(Path.GetFullPath(path)))
            {
                TryDelete(path);
                RegistryLog.UnregisteredRemoved(_logger, path);
            }
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RegistryLog.FileNotRemoved(_logger, ex, path);
        }
    }

    private ModelRecord ReadRecord(SqliteDataReader reader) => new(
        reader.GetString(reader.GetOrdinal("id")),
        reader.GetInt32(reader.GetOrdinal("version")),
        DateTimeOffset.Parse(reader.GetString(reader.GetOrdinal("created_utc")), CultureInfo.InvariantCulture),
        Path.GetFullPath(Path.Combine(_dataFolder, reader.GetString(reader.GetOrdinal("path")))),
        reader.GetInt64(reader.GetOrdinal("file_bytes")),
        JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(reader.GetOrdinal("metadata"))) ?? [],
        JsonSerializer.Deserialize<ModelInfo>(reader.GetString(reader.GetOrdinal("info")))
            ?? throw new InvalidDataException("A registry row has no model info."));
}
