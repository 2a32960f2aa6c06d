using System.Management.Automation.Runspaces;
using Microsoft.PowerShell;

// archive-import: pwsh's own console host with the ArchiveImport module imported, for machines without pwsh (cron,
// a bare server, CI). Its command line, output, error view and exit codes are pwsh's: -Command, -File script.ps1
// -Name value -Switch, -NonInteractive, -NoProfile, -OutputFormat, and an interactive prompt when run with no
// arguments. The module ships beside it in Modules/ArchiveImport, the same folder an operator copies onto
// PSModulePath, and loads the same way: its dependencies in its own load context.
// Cron mail, CI logs and files get plain text: pwsh colours redirected output unless NO_COLOR is set.
if (Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null)
{
    Environment.SetEnvironmentVariable("NO_COLOR", "1");
}

var module = Path.Combine(AppContext.BaseDirectory, "Modules", "ArchiveImport", "ArchiveImport.psd1");
var state = InitialSessionState.CreateDefault2();
state.ImportPSModule(module);

const string Banner = "archive-import: PowerShell with the ArchiveImport module. Get-Help about_ArchiveImport to begin.";
const string Help = "Usage: archive-import [-NoProfile] [-NonInteractive] [-Command <pipeline> | -File <script.ps1> [arguments]] (pwsh's command line; see pwsh -Help).";
return ConsoleShell.Start(state, Banner, Help, args);
