using System.Data;
using System.Globalization;
using Dapper;

namespace ArchiveImport.Core.Storage;

/// <summary>
/// Every time the catalog holds is UTC, but neither engine says so when it is read back: SQLite keeps text and
/// MySQL a DATETIME, and both come back with <see cref="DateTimeKind.Unspecified"/>, which PowerShell and JSON then
/// take for local time. This handler marks every DateTime Dapper reads as UTC, for both engines, in one place.
/// </summary>
internal sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
{
    /// <summary>Registers the handler with Dapper (process-wide; called by CatalogDatabase's static constructor, so once).</summary>
    public static void Register() => SqlMapper.AddTypeHandler(new UtcDateTimeHandler());

    public override DateTime Parse(object value) => value switch
    {
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        string text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => DateTime.SpecifyKind(Convert.ToDateTime(value, CultureInfo.InvariantCulture), DateTimeKind.Utc),
    };

    public override void SetValue(IDbDataParameter parameter, DateTime value)
    {
        // What is written is unchanged: the UTC value as given.
        parameter.DbType = DbType.DateTime;
        parameter.Value = value;
    }
}
