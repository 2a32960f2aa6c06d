using FluentMigrator;

namespace ArchiveImport.Core.Storage.Migrations;

/// <summary>
/// Indexes for a catalog with a long history: an artist's latest runs (Get-ArchiveImportRun -Artist) are read from
/// the end of one index range instead of sorting every run the artist ever had.
/// </summary>
[Migration(2, "Index on import runs by artist and run id")]
public sealed class M0002_ScaleIndexes : Migration
{
    public override void Up()
    {
        Create.Index("ix_import_run_artist_run").OnTable("archivedotorg_import_run")
            .OnColumn("artist_id").Ascending().OnColumn("run_id").Ascending();
    }

    public override void Down()
    {
        Delete.Index("ix_import_run_artist_run").OnTable("archivedotorg_import_run");
    }
}
