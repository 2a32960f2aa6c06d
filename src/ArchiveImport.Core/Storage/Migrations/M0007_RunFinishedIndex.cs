using FluentMigrator;

namespace ArchiveImport.Core.Storage.Migrations;

/// <summary>
/// Health reads the runs that started or ended in the last 7 days: with finished_at indexed beside started_at, both
/// engines answer that OR from two short index ranges instead of reading every run of a long history.
/// </summary>
[Migration(7, "Index on import runs by finish time")]
public sealed class M0007_RunFinishedIndex : Migration
{
    public override void Up()
    {
        Create.Index("ix_import_run_finished").OnTable("archivedotorg_import_run").OnColumn("finished_at");
    }

    public override void Down()
    {
        Delete.Index("ix_import_run_finished").OnTable("archivedotorg_import_run");
    }
}
