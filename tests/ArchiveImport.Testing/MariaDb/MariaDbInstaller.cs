namespace ArchiveImport.Testing;

/// <summary>Creates the system tables of a fresh data directory.</summary>
internal static class MariaDbInstaller
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static Task InstallAsync(string installDbPath, ServerLayout layout, CancellationToken ct)
    {
        List<string> arguments =
        [
            "--no-defaults",
            $"--datadir={layout.DataDirectory}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",

            // Root only ever connects over the socket, so grants need no host names; this also
            // keeps the installer working where the host name does not resolve.
            "--skip-name-resolve",

            // Passed through to the bootstrap server: creating the redo log at the size the
            // server uses saves writing (and then shrinking) the 96 MB default.
            "--innodb-log-file-size=16M",
            "--innodb-buffer-pool-size=64M",
        ];
        if (RunningAsRoot.Value)
        {
            arguments.Add("--user=root");
        }

        return ExternalCommand.RunAsync(installDbPath, arguments, Timeout, ct);
    }
}
