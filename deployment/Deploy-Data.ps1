<#
.SYNOPSIS
    Deployment phase 3: move the older flat metadata layout into per-artist folders with a no-loss proof, validate
    the artist configs, and compare the shows on disk with the shows in the catalog.

        pwsh -File deployment/Deploy-Data.ps1 -HomePath /srv/archive -FlatFolder /srv/old/metadata

.DESCRIPTION
    Steps: Backup (Backup-ArchiveMetadata and Backup-ArchiveDatabase: the move rewrites files and each show's
    file_path) → MoveMetadata (Move-ArchiveMetadata; its proof must verify and no file may be left failed or not
    moved) → ValidateConfigs (Get-ArchiveHealth -Check artist-configs) → CountShows (each artist's metadata files
    on disk against its downloaded shows in the catalog, Get-ArchiveStatus).
    Killed half way, the phase is run again: Move-ArchiveMetadata finishes its journal first, so each file ends up
    present once. On a failure after the move, the metadata and the catalog are restored from the Backup step's files.
.PARAMETER HomePath
    The ArchiveImport home (config/ and var/); default: ARCHIVEIMPORT_HOME, else the current location.
.PARAMETER Database
    A SQLite file or a MySQL/MariaDB connection string; default: the home's settings.
.PARAMETER FlatFolder
    The flat folder of <identifier>.json files; default: the metadata folder itself (var/archivedotorg/metadata).
.PARAMETER BackupFolder
    Where the backups go (a folder per run, deploy-data-TIME); default: var/backups in the home.
.OUTPUTS
    ArchiveImport.DeploymentStep, one per step (Phase, Step, Status, Duration, Detail).
.EXAMPLE
    ./deployment/Deploy-Data.ps1 -WhatIf
.EXAMPLE
    ./deployment/Deploy-Data.ps1 -FlatFolder /srv/old/metadata | Format-Table
#>
[CmdletBinding(SupportsShouldProcess)]
[OutputType('ArchiveImport.DeploymentStep')]
param(
    [string] $HomePath,
    [string] $Database,
    [string] $FlatFolder,
    [string] $BackupFolder
)

# The phase's verdict follows the caller's error action; its own steps stop at their first error.
$callerErrorAction = $ErrorActionPreference
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'ArchiveDeployment.psm1') -Verbose:$false
$archive = Get-ArchiveParameters $HomePath $Database
$here = (Get-Location).ProviderPath
$homeFolder = $HomePath ? $HomePath : ($env:ARCHIVEIMPORT_HOME ? $env:ARCHIVEIMPORT_HOME : $here)
$metadata = Join-Path $homeFolder 'var/archivedotorg/metadata'
$state = @{
    Archive    = $archive
    BackupRoot = $BackupFolder ? [IO.Path]::GetFullPath($BackupFolder, $here) : (Join-Path $homeFolder 'var/backups')
    Flat       = $FlatFolder ? [IO.Path]::GetFullPath($FlatFolder, $here) : $metadata
    Metadata   = $metadata
}

$steps = @(
    New-DeploymentStep -Name Backup -Target $state.BackupRoot -Do {
        param($s)
        $archive = $s.Archive
        $folder = New-Item -ItemType Directory -Force (Join-Path $s.BackupRoot ('deploy-data-' + [datetime]::UtcNow.ToString('yyyyMMdd-HHmmss-fff')))
        $s.MetadataBackup = Backup-ArchiveMetadata -Path $folder.FullName -Confirm:$false @archive
        $s.DatabaseBackup = Backup-ArchiveDatabase -Path $folder.FullName -Confirm:$false @archive
        $s.MetadataBackup, $s.DatabaseBackup
        "Backed up $($s.MetadataBackup.Files) metadata file(s) to $($s.MetadataBackup.Path) and the catalog to $($s.DatabaseBackup.Path)."
    }

    New-DeploymentStep -Name MoveMetadata -Target $state.Flat -Do {
        param($s)
        $archive = $s.Archive
        $move = Move-ArchiveMetadata -Path $s.Flat -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable problems @archive
        $move
        if (-not $move) { throw "Move-ArchiveMetadata returned nothing: $($problems -join ' ')" }
        if (-not $move.Verified -or $move.NotMoved -gt 0) {
            throw "The move is not proven: $($move.NotMoved) file(s) not moved, proof verified: $($move.Verified). $($problems -join ' ') Run the phase again to finish it."
        }
        "Moved $($move.Moved) of $($move.Files) file(s) ($($move.AlreadyInPlace) already in place$(if ($move.Resumed) { ', resumed from the journal' })); " +
            "proof verified: $($move.Proof.FilesAfter) file(s), SHA-256 $($move.Proof.Sha256After.Substring(0, 12))…." +
            $(if ($move.Unplaced -or $move.Conflicts) { " Left in place: $($move.Unplaced) unplaced, $($move.Conflicts) conflict(s) (see the runbook)." } else { '' })
    } -Undo {
        param($s)
        $archive = $s.Archive
        $null = Restore-ArchiveMetadata -Path $s.MetadataBackup.Path -Confirm:$false @archive
        $null = Restore-ArchiveDatabase -Path $s.DatabaseBackup.Path -Confirm:$false -WarningAction SilentlyContinue @archive
        "Restored the metadata from $($s.MetadataBackup.Path) and the catalog from $($s.DatabaseBackup.Path)."
    }

    New-DeploymentStep -Name ValidateConfigs -Target 'config/artists' -Do {
        param($s)
        $archive = $s.Archive
        $checks = @(Get-ArchiveHealth -Check artist-configs @archive)
        $checks
        $failed = @($checks | Where-Object Status -eq 'Fail')
        if ($failed) { throw "Artist configs are invalid: $(($failed | ForEach-Object Message) -join ' ')" }
        ($checks | ForEach-Object Message) -join ' '
    }

    New-DeploymentStep -Name CountShows -Target $state.Metadata -Do {
        param($s)
        $archive = $s.Archive
        $differ = [System.Collections.Generic.List[string]]::new()
        $total = 0
        foreach ($artist in @(Get-ArchiveStatus @archive)) {
            $folder = Join-Path $s.Metadata $artist.Artist
            $onDisk = @(Get-ChildItem -LiteralPath $folder -File -Filter '*.json' -ErrorAction Ignore).Count
            $total += $onDisk
            if ($onDisk -ne $artist.ShowsDownloaded) { $differ.Add("$($artist.Artist): $onDisk on disk, $($artist.ShowsDownloaded) in the catalog") }
        }
        if ($differ.Count) { throw "Shows on disk and in the catalog differ: $($differ -join '; '). Run Invoke-ArchiveDownload for those artists, then the phase again." }
        "$total show file(s) on disk, as many as the catalog lists."
    }
)

Invoke-DeploymentPhase -Phase 'Deploy-Data' -Step $steps -State $state -ArchiveParameters $archive -WhatIf:$WhatIfPreference -Confirm:($ConfirmPreference -eq 'Low') -ErrorAction $callerErrorAction
