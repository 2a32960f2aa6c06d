using ArchiveImport.Core.Schema;
using FluentMigrator;

namespace ArchiveImport.Core.Storage.Migrations;

/// <summary>
/// What several workers on several machines need to share through the catalog: every downloaded show's metadata
/// body (gzip), so a worker can populate shows another one downloaded, and each worker round's finished artists.
/// </summary>
[Migration(3, "Metadata bodies in the catalog and worker rounds")]
public sealed class M0003_SharedWork : Migration
{
    public override void Up()
    {
        // Beside archivedotorg_show_metadata rather than in it: that table stays narrow for the scans that read it
        // (health sums its bytes, populate looks a thousand rows up at a time).
        Create.Table("archivedotorg_show_metadata_content")
            .WithColumn("identifier").AsString(ColumnLengths.Identifier).NotNullable().PrimaryKey()
            .WithColumn("body_gzip").AsBinary(int.MaxValue).NotNullable()
            .WithColumn("body_sha256").AsString(ColumnLengths.ShowMetadataContent.BodySha256).NotNullable()
            .WithColumn("stored_at").AsDateTime().NotNullable();

        Create.Table("archivedotorg_worker_round")
            .WithColumn("round_name").AsString(ColumnLengths.WorkerRound.RoundName).NotNullable().PrimaryKey()
            .WithColumn("artist_id").AsInt32().NotNullable().PrimaryKey()
            .WithColumn("worker").AsString(ColumnLengths.WorkerRound.Worker).NotNullable()
            .WithColumn("outcome").AsString(ColumnLengths.WorkerRound.Outcome).NotNullable()
            .WithColumn("download_run_id").AsInt64().Nullable()
            .WithColumn("populate_run_id").AsInt64().Nullable()
            .WithColumn("finished_at").AsDateTime().NotNullable();
    }

    public override void Down()
    {
        Delete.Table("archivedotorg_worker_round");
        Delete.Table("archivedotorg_show_metadata_content");
    }
}
