<#
.SYNOPSIS
    The full rollback of a deployment: pause imports, put back the metadata and the catalog database from named
    backups, switch back to the previous module version, resume imports.

        pwsh -File deployment/Undo-Deployment.ps1 -HomePath /srv/archive `
            -DatabaseBackup /srv/archive/var/backups/deploy-database-20261130-101500-000/archive-20261130-101500.sql `
            -MetadataBackup /srv/archive/var/backups/metadata-20261130-101400.zip

.DESCRIPTION
    Steps: MaintenanceOn (Enable-ArchiveMaintenance) → RestoreMetadata (Restore-ArchiveMetadata, when
    -MetadataBackup is given; the folders it replaces are kept aside) → RestoreDatabase (Restore-ArchiveDatabase;
    it verifies the backup's SHA-256 and schema version first, and refuses while an import runs) → RemoveModuleVersion
    (when -RemoveModuleVersion is given: deletes MODULEROOT/ArchiveImport/VERSION, the version Deploy-Module installed,
    so new sessions import the previous one again; it refuses when no other version is left) → MaintenanceOff.
    The database is restored after the metadata because the backup holds its own maintenance state.

    Each phase's partial rollback: phase 1 (Deploy-Database) undoes itself when it fails; after it succeeded, run
    this script with the backup it reported (its Backup step's Output) and only -DatabaseBackup.
    Each part is optional, so each phase's partial rollback is this script with only that phase's part. Phase 4
    (Deploy-Dashboard) needs none: it puts the previous dashboard file back itself, and its daily metrics are
    recomputed from the catalog. Phase 2 (Deploy-Module) removes the version it installed when its own checks fail;
    after it succeeded, run this script with -ModuleRoot and -RemoveModuleVersion.
.PARAMETER HomePath
    The ArchiveImport home (config/ and var/); default: ARCHIVEIMPORT_HOME, else the current location.
.PARAMETER Database
    A SQLite file or a MySQL/MariaDB connection string; default: the home's settings.
.PARAMETER DatabaseBackup
    A backup made by Backup-ArchiveDatabase (Deploy-Database's Backup step makes one); without it the catalog is
    left as it is (the partial rollback of phase 2).
.PARAMETER MetadataBackup
    A backup made by Backup-ArchiveMetadata; without it the metadata folder and artist configs are left as they are.
.PARAMETER ModuleRoot
    With -RemoveModuleVersion: the folder on PSModulePath holding ArchiveImport/VERSION folders.
.PARAMETER RemoveModuleVersion
    The module version to remove (the one Deploy-Module installed); sessions started afterwards import the previous one.
.OUTPUTS
    ArchiveImport.DeploymentStep, one per step (Phase, Step, Status, Duration, Detail).
.EXAMPLE
    ./deployment/Undo-Deployment.ps1 -DatabaseBackup ./var/backups/deploy-database-20261130-101500-000/archive-20261130-101500.db -WhatIf
.EXAMPLE
    ./deployment/Undo-Deployment.ps1 -DatabaseBackup $backup.Path -MetadataBackup ./var/backups/metadata-20261130-101400.zip -Confirm:$false
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
[OutputType('ArchiveImport.DeploymentStep')]
param(
    [string] $HomePath,
    [string] $Database,
    [string] $DatabaseBackup,
    [string] $MetadataBackup,
    [string] $ModuleRoot,
    [string] $RemoveModuleVersion
)

# The phase's verdict follows the caller's error action; its own steps stop at their first error.
$callerErrorAction = $ErrorActionPreference
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'ArchiveDeployment.psm1') -Verbose:$false
$archive = Get-ArchiveParameters $HomePath $Database
if ($RemoveModuleVersion -and -not $ModuleRoot) { throw '-RemoveModuleVersion needs -ModuleRoot: the folder that holds ArchiveImport/VERSION folders.' }
$state = @{
    ModuleFolder   = $RemoveModuleVersion ? (Join-Path ([IO.Path]::GetFullPath($ModuleRoot, (Get-Location).ProviderPath)) "ArchiveImport/$RemoveModuleVersion") : $null
    Archive        = $archive
    DatabaseBackup = $DatabaseBackup ? [IO.Path]::GetFullPath($DatabaseBackup, (Get-Location).ProviderPath) : $null
    MetadataBackup = $MetadataBackup ? [IO.Path]::GetFullPath($MetadataBackup, (Get-Location).ProviderPath) : $null
}

$steps = @(
    New-DeploymentStep -Name MaintenanceOn -Target 'imports' -Do {
        param($s)
        $archive = $s.Archive
        $null = Enable-ArchiveMaintenance -Reason 'Undo-Deployment: restoring backups' -Confirm:$false @archive
        'Imports paused.'
    } -Undo {
        param($s)
        $archive = $s.Archive
        $null = Disable-ArchiveMaintenance -Confirm:$false @archive
        'Imports resumed.'
    }

    if ($state.MetadataBackup) {
        New-DeploymentStep -Name RestoreMetadata -Target $state.MetadataBackup -Do {
            param($s)
            $archive = $s.Archive
            $restored = Restore-ArchiveMetadata -Path $s.MetadataBackup -Confirm:$false @archive
            $restored
            "Restored $($restored.Files) file(s) from $($s.MetadataBackup); the folders replaced are kept at $($restored.KeptAside -join ', ')."
        }
    }

    if ($state.DatabaseBackup) {
        New-DeploymentStep -Name RestoreDatabase -Target $state.DatabaseBackup -Do {
            param($s)
            $archive = $s.Archive
            $restored = Restore-ArchiveDatabase -Path $s.DatabaseBackup -Confirm:$false -WarningAction SilentlyContinue @archive
            $restored
            "Restored $($s.DatabaseBackup): $($restored.TableCount) tables, $($restored.Rows) rows, schema version $($restored.SchemaVersion)."
        }
    }

    if ($state.ModuleFolder) {
        New-DeploymentStep -Name RemoveModuleVersion -Target $state.ModuleFolder -Do {
            param($s)
            $versions = Split-Path $s.ModuleFolder -Parent
            if (-not (Test-Path $s.ModuleFolder)) { return "$($s.ModuleFolder) is not there; nothing to remove." }
            $previous = @(Get-ChildItem $versions -Directory | Where-Object { $_.FullName -ne $s.ModuleFolder -and (Test-Path (Join-Path $_.FullName 'ArchiveImport.psd1')) })
            if (-not $previous) { throw "No other ArchiveImport version is installed in $versions; removing $($s.ModuleFolder) would leave none. Install the previous version first." }
            Remove-Item -LiteralPath $s.ModuleFolder -Recurse -Force
            "Removed $($s.ModuleFolder); new sessions import $(($previous.Name | Sort-Object { [version]$_ } | Select-Object -Last 1))."
        }
    }

    New-DeploymentStep -Name MaintenanceOff -Target 'imports' -Do {
        param($s)
        $archive = $s.Archive
        $null = Disable-ArchiveMaintenance -Confirm:$false @archive
        'Imports resumed.'
    }
)

Invoke-DeploymentPhase -Phase 'Undo-Deployment' -Step $steps -State $state -ArchiveParameters $archive -WhatIf:$WhatIfPreference -Confirm:($ConfirmPreference -ne 'None') -ErrorAction $callerErrorAction
