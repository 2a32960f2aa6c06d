using ArchiveImport.Core.Schema;
using FluentMigrator;

namespace ArchiveImport.Core.Storage.Migrations;

/// <summary>
/// Maintenance mode, kept in the catalog so every machine sharing it sees it: one row while it is on, none while off.
/// </summary>
[Migration(4, "Maintenance mode")]
public sealed class M0004_Maintenance : Migration
{
    public override void Up()
    {
        Create.Table("archivedotorg_maintenance")
            .WithColumn("maintenance_id").AsInt32().PrimaryKey()
            .WithColumn("reason").AsString(ColumnLengths.Maintenance.Reason).NotNullable()
            .WithColumn("enabled_by").AsString(ColumnLengths.Maintenance.EnabledBy).NotNullable()
            .WithColumn("host").AsString(ColumnLengths.Maintenance.Host).NotNullable()
            .WithColumn("enabled_at").AsDateTime().NotNullable();
    }

    public override void Down()
    {
        Delete.Table("archivedotorg_maintenance");
    }
}
