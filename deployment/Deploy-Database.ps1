<#
.SYNOPSIS
    Deployment phase 1: back the catalog up, pause imports, apply the new module's migrations, verify the schema,
    resume imports. On any failure the catalog is restored from that backup and imports resume.

        pwsh -File deployment/Deploy-Database.ps1 -HomePath /srv/archive -BackupFolder /srv/archive/var/backups

.DESCRIPTION
    Steps: Backup (Backup-ArchiveDatabase) → MaintenanceOn (Enable-ArchiveMaintenance) → Migrate
    (Update-ArchiveDatabase) → VerifySchema (Get-ArchiveHealth -Check schema) → MaintenanceOff.

    When a step fails, the steps taken are undone newest first: Migrate's undo restores the backup (on MariaDB a
    failed migration has already committed part of its DDL), MaintenanceOn's undo turns maintenance off. The results
    name the failed step and each undo; an error after them says whether the rollback succeeded.
    Maintenance that was already on before the phase is left on.

    Run it with the NEW module version loaded: its migrations are the ones applied. The embedded SQLite catalog is
    migrated by the first cmdlet that opens it, so there the backup already holds the new schema and Migrate finds
    nothing to do; a migration that fails fails the Backup step and SQLite rolls it back whole.
.PARAMETER HomePath
    The ArchiveImport home (config/ and var/); default: ARCHIVEIMPORT_HOME, else the current location.
.PARAMETER Database
    A SQLite file or a MySQL/MariaDB connection string; default: the home's settings.
.PARAMETER BackupFolder
    Where the backup goes (a folder per run, deploy-database-TIME); default: var/backups in the home.
.OUTPUTS
    ArchiveImport.DeploymentStep, one per step (Phase, Step, Status, Duration, Detail).
.EXAMPLE
    ./deployment/Deploy-Database.ps1 -WhatIf
.EXAMPLE
    $steps = ./deployment/Deploy-Database.ps1 -Database 'Server=db;Database=archive;User ID=deploy;Password=…'
    $steps | Format-Table Step, Status, Duration, Detail
#>
[CmdletBinding(SupportsShouldProcess)]
[OutputType('ArchiveImport.DeploymentStep')]
param(
    [string] $HomePath,
    [string] $Database,
    [string] $BackupFolder
)

# The phase's verdict follows the caller's error action; its own steps stop at their first error.
$callerErrorAction = $ErrorActionPreference
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'ArchiveDeployment.psm1') -Verbose:$false
$archive = Get-ArchiveParameters $HomePath $Database
$homeFolder = $HomePath ? $HomePath : ($env:ARCHIVEIMPORT_HOME ? $env:ARCHIVEIMPORT_HOME : (Get-Location).ProviderPath)
$backupRoot = $BackupFolder ? $BackupFolder : (Join-Path $homeFolder 'var/backups')
$state = @{ Archive = $archive; BackupRoot = $backupRoot }

$steps = @(
    New-DeploymentStep -Name Backup -Target $backupRoot -Do {
        param($s)
        $archive = $s.Archive
        $folder = New-Item -ItemType Directory -Force (Join-Path $s.BackupRoot ('deploy-database-' + [datetime]::UtcNow.ToString('yyyyMMdd-HHmmss-fff')))
        $s.Backup = Backup-ArchiveDatabase -Path $folder.FullName -Confirm:$false @archive
        $s.Backup
        "Backed up schema version $($s.Backup.SchemaVersion) to $($s.Backup.Path) (SHA-256 $($s.Backup.Sha256.Substring(0, 12))…)."
    }

    New-DeploymentStep -Name MaintenanceOn -Target 'imports' -Do {
        param($s)
        $archive = $s.Archive
        $s.MaintenanceWasOn = (Get-ArchiveMaintenance @archive).Enabled
        if ($s.MaintenanceWasOn) { return 'Maintenance was already on; left as it is.' }
        $null = Enable-ArchiveMaintenance -Reason 'Deploy-Database: applying migrations' -Confirm:$false @archive
        'Imports paused.'
    } -Undo {
        param($s)
        $archive = $s.Archive
        if ($s['MaintenanceWasOn']) { return 'Maintenance was on before the phase; left on.' }
        $null = Disable-ArchiveMaintenance -Confirm:$false @archive
        'Imports resumed.'
    }

    New-DeploymentStep -Name Migrate -Target 'catalog schema' -Do {
        param($s)
        $archive = $s.Archive
        $status = Update-ArchiveDatabase -Confirm:$false @archive
        $status
        "Schema version $($s.Backup.SchemaVersion) → $($status.CurrentVersion) (latest $($status.LatestVersion))."
    } -Undo {
        param($s)
        $archive = $s.Archive
        $restored = Restore-ArchiveDatabase -Path $s.Backup.Path -Confirm:$false -WarningAction SilentlyContinue @archive
        $restored
        "Restored $($s.Backup.Path): $($restored.TableCount) tables, $($restored.Rows) rows, schema version $($restored.SchemaVersion)."
    }

    New-DeploymentStep -Name VerifySchema -Target 'catalog schema' -Do {
        param($s)
        $archive = $s.Archive
        $checks = @(Get-ArchiveHealth -Check schema @archive)
        $checks
        $failed = @($checks | Where-Object Status -ne 'Pass')
        if ($failed.Count -gt 0) { throw "The schema check failed: $(($failed | ForEach-Object Message) -join ' ')" }
        ($checks | ForEach-Object Message) -join ' '
    }

    New-DeploymentStep -Name MaintenanceOff -Target 'imports' -Do {
        param($s)
        $archive = $s.Archive
        if ($s.MaintenanceWasOn) { return 'Maintenance was on before the phase; left on.' }
        $null = Disable-ArchiveMaintenance -Confirm:$false @archive
        'Imports resumed.'
    }
)

Invoke-DeploymentPhase -Phase 'Deploy-Database' -Step $steps -State $state -ArchiveParameters $archive -WhatIf:$WhatIfPreference -Confirm:($ConfirmPreference -eq 'Low') -ErrorAction $callerErrorAction
