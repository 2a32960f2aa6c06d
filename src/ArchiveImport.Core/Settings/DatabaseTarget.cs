using MySqlConnector;

namespace ArchiveImport.Core.Settings;

public enum DatabaseEngine
{
    Sqlite,
    MySql,
}

/// <summary>
/// A database the catalog lives in. <see cref="ToString"/> and <see cref="Display"/> never contain a password,
/// so a target can be put into any message, error or log.
/// </summary>
public sealed class DatabaseTarget
{
    private DatabaseTarget(DatabaseEngine engine, string connectionString, string display)
    {
        Engine = engine;
        ConnectionString = connectionString;
        Display = display;
    }

    public DatabaseEngine Engine { get; }

    /// <summary>The full connection string, password included: hand it to a driver, never to a person.</summary>
    public string ConnectionString { get; }

    public string Display { get; }

    /// <summary>
    /// A value with '=' in it is a MySQL connection string (Server=…;Database=…); anything else is the path of a
    /// SQLite file, relative to <paramref name="baseDirectory"/>.
    /// </summary>
    public static DatabaseTarget Parse(string value, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.Contains('=', StringComparison.Ordinal))
        {
            return MySql(value);
        }

        var path = Path.GetFullPath(Path.Combine(baseDirectory, value));
        return new DatabaseTarget(DatabaseEngine.Sqlite, $"Data Source={path}", $"SQLite {path}") { HomeDirectory = Path.GetFullPath(baseDirectory) };
    }

    /// <summary>The home folder a SQLite path was resolved against: the catalog's folder may be created only inside it.</summary>
    public string? HomeDirectory { get; private init; }

    public string? SqlitePath => Engine == DatabaseEngine.Sqlite ? ConnectionString["Data Source=".Length..] : null;

    private static DatabaseTarget MySql(string value)
    {
        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(value);
        }
        catch (ArgumentException ex)
        {
            // The driver's message can quote the string back, password and all.
            throw new ArgumentException(
                $"The database setting looks like a MySQL connection string but is not a valid one ({Redact(ex.Message, value)}). " +
                "Use the form 'Server=HOST;Port=3306;Database=NAME;User ID=USER;Password=…', or give a file path for SQLite.");
        }

        if (string.IsNullOrEmpty(builder.Database))
        {
            throw new ArgumentException("The MySQL connection string names no database: add 'Database=NAME'.");
        }

        builder.AllowUserVariables = true;
        builder.ConvertZeroDateTime = true;
        var display = $"MySQL {builder.Server}:{builder.Port}/{builder.Database} as {builder.UserID}";
        return new DatabaseTarget(DatabaseEngine.MySql, builder.ConnectionString, display);
    }

    /// <summary>Removes the password of <paramref name="connectionString"/> from <paramref name="text"/>.</summary>
    public static string Redact(string text, string connectionString)
    {
        string? password = null;
        try
        {
            password = new MySqlConnectionStringBuilder(connectionString).Password;
        }
        catch (ArgumentException)
        {
            // Not parseable: fall back to removing anything shaped like a password clause.
        }

        if (!string.IsNullOrEmpty(password))
        {
            text = text.Replace(password, "***", StringComparison.Ordinal);
        }

        return System.Text.RegularExpressions.Regex.Replace(
            text, @"(?i)(password|pwd)\s*=\s*[^;]*", "$1=***");
    }

    public string Redact(string text) => Engine == DatabaseEngine.MySql ? Redact(text, ConnectionString) : text;

    public override string ToString() => Display;
}
