using System.Globalization;
using System.Text.Json;

namespace FermentEngine.Server.Registry;

/// <summary>Table layout and the statements that write it.</summary>
internal sealed partial class ModelRegistry
{
    private void CreateSchema()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS model_ids (
                id TEXT PRIMARY KEY,
                last_version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS models (
                id TEXT NOT NULL,
                version INTEGER NOT NULL,
                created_utc TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                path TEXT NOT NULL,
                file_bytes INTEGER NOT NULL,
                metadata TEXT NOT NULL,
                info TEXT NOT NULL,
                PRIMARY KEY (id, version));
            """;
        command.ExecuteNonQuery();
    }

    private int LastVersion(string modelId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_version FROM model_ids WHERE id = $id";
        command.Parameters.AddWithValue("$id", modelId);
        return command.ExecuteScalar() is long last ? (int)last : 0;
    }

    private void Insert(ModelRecord record)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO models (id, version, created_utc, fingerprint, path, file_bytes, metadata, info)
                VALUES ($id, $version, $created, $fingerprint, $path, $bytes, $metadata, $info);
                INSERT INTO model_ids (id, last_version) VALUES ($id, $version)
                ON CONFLICT (id) DO UPDATE SET last_version = excluded.last_version;
                """;
            command.Parameters.AddWithValue("$id", record.Id);
            command.Parameters.AddWithValue("$version", record.Version);
            command.Parameters.AddWithValue("$created", record.CreatedUtc.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$fingerprint", record.Info.Fingerprint);
            command.Parameters.AddWithValue("$path", Path.GetRelativePath(_dataFolder, record.Path));
            command.Parameters.AddWithValue("$bytes", record.FileBytes);
            command.Parameters.AddWithValue("$metadata", JsonSerializer.Serialize(record.Metadata));
            command.Parameters.AddWithValue("$info", JsonSerializer.Serialize(record.Info));
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
