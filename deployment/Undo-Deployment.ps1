<#
.SYNOPSIS
    The full rollback of a deployment: pause imports, put back the metadata and the catalog database from named
    backups, resume imports.

        pwsh -File deployment/Undo-Deployment.ps1 -HomePath /srv/archive `
            -DatabaseBackup /srv/archive/var/backups/deploy-database-20261130-101500-000/archive-20261130-101500.sql `
            -MetadataBackup /srv/archive/var/backups/metadata-20261130-101400.zip

.DESCRIPTION
    Steps: MaintenanceOn (Enable-ArchiveMaintenance) → RestoreMetadata (Restore-ArchiveMetadata, when
    -MetadataBackup is given; the folders it replaces are kept aside) → RestoreDatabase (Restore-ArchiveDatabase;
    it verifies the backup's SHA-256 and schema version first, and refuses while an import runs) → MaintenanceOff.
    The database is restored last because the backup holds its own maintenance state.

    Each phase's partial rollback: phase 1 (Deploy-Database) undoes itself when it fails; after it succeeded, run
    this script with the backup it reported (its Backup step's Output) and only -DatabaseBackup. Phase 4
    (Deploy-Dashboard) needs none: it puts the previous dashboard file back itself, and its daily metrics are
    recomputed from the catalog. A previous module version is brought back by importing it by version (see
    docs/DEPLOYMENT_PLAN.md).
.PARAMETER HomePath
    The ArchiveImport home (config/ and var/); default: ARCHIVEIMPORT_HOME, else the current location.
.PARAMETER Database
    A SQLite file or a MySQL/MariaDB connection string; default: the home's settings.
.PARAMETER DatabaseBackup
    A backup made by Backup-ArchiveDatabase (Deploy-Database's Backup step makes one).
.PARAMETER MetadataBackup
    A backup made by Backup-ArchiveMetadata; without it the metadata folder and artist configs are left as they are.
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
    [Parameter(Mandatory)]
    [string] $DatabaseBackup,
    [string] $MetadataBackup
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'ArchiveDeployment.psm1') -Verbose:$false
$archive = Get-ArchiveParameters $HomePath $Database
$state = @{
    Archive        = $archive
    DatabaseBackup = [IO.Path]::GetFullPath($DatabaseBackup, (Get-Location).ProviderPath)
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

    New-DeploymentStep -Name RestoreDatabase -Target $state.DatabaseBackup -Do {
        param($s)
        $archive = $s.Archive
        $restored = Restore-ArchiveDatabase -Path $s.DatabaseBackup -Confirm:$false -WarningAction SilentlyContinue @archive
        $restored
        "Restored $($s.DatabaseBackup): $($restored.TableCount) tables, $($restored.Rows) rows, schema version $($restored.SchemaVersion)."
    }

    New-DeploymentStep -Name MaintenanceOff -Target 'imports' -Do {
        param($s)
        $archive = $s.Archive
        $null = Disable-ArchiveMaintenance -Confirm:$false @archive
        'Imports resumed.'
    }
)

Invoke-DeploymentPhase -Phase 'Undo-Deployment' -Step $steps -State $state -ArchiveParameters $archive -WhatIf:$WhatIfPreference -Confirm:($ConfirmPreference -ne 'None')
