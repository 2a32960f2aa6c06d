<#
.SYNOPSIS
    Deployment phase 5, the clean-up, no sooner than 30 days after phase 4: back up first, then remove module versions
    older than the previous one, import runs and log files past retention, and metadata files left in the old flat layout.

        pwsh -File deployment/Remove-OldDeployment.ps1 -HomePath /srv/archive -ModuleRoot /opt/microsoft/powershell/Modules

.DESCRIPTION
    It refuses to start until 30 days (-WaitDays) have passed since phase 4 (Deploy-Dashboard.ps1) last succeeded, as
    the activity log records it, unless -Force. Steps: Backup (Backup-ArchiveDatabase and Backup-ArchiveMetadata into
    -BackupFolder) → RemoveModuleVersions (in -ModuleRoot, every ArchiveImport version older than the two newest) →
    RemoveImportRuns (Remove-ArchiveImportRun -OlderThan -RetentionDays) → RemoveLogs (Remove-ArchiveLog -OlderThan
    -RetentionDays: the log's day files under var/log) → RemoveFlatMetadata (each metadata/*.json
    file at the top of the metadata folder, the old flat layout, whose identical copy, same SHA-256, exists in a
    per-artist folder; a flat file without such a copy is kept and named).
    Nothing removed can be undone step by step: the Backup step's files are the way back (Undo-Deployment.ps1).
.PARAMETER HomePath
    The ArchiveImport home (config/ and var/); default: ARCHIVEIMPORT_HOME, else the current location.
.PARAMETER Database
    A SQLite file or a MySQL/MariaDB connection string; default: the home's settings.
.PARAMETER BackupFolder
    Where the backups go (a folder per run, remove-old-deployment-TIME); default: var/backups in the home.
.PARAMETER ModuleRoot
    The folder on PSModulePath holding ArchiveImport/VERSION folders; without it no module version is removed.
.PARAMETER RetentionDays
    Import runs that ended, and log files of days, more than this many days ago are removed. Default 90.
.PARAMETER WaitDays
    Days that must have passed since phase 4 succeeded. Default 30.
.PARAMETER Force
    Runs even when phase 4 succeeded less than -WaitDays ago, or never.
.OUTPUTS
    ArchiveImport.DeploymentStep, one per step (Phase, Step, Status, Duration, Detail).
.EXAMPLE
    ./deployment/Remove-OldDeployment.ps1 -ModuleRoot ~/.local/share/powershell/Modules -WhatIf
.EXAMPLE
    ./deployment/Remove-OldDeployment.ps1 -RetentionDays 180 -Confirm:$false
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
[OutputType('ArchiveImport.DeploymentStep')]
param(
    [string] $HomePath,
    [string] $Database,
    [string] $BackupFolder,
    [string] $ModuleRoot,
    [ValidateRange(1, [int]::MaxValue)]
    [int] $RetentionDays = 90,
    [ValidateRange(0, [int]::MaxValue)]
    [int] $WaitDays = 30,
    [switch] $Force
)

# The phase's verdict follows the caller's error action; its own steps stop at their first error.
$callerErrorAction = $ErrorActionPreference
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'ArchiveDeployment.psm1') -Verbose:$false
$archive = Get-ArchiveParameters $HomePath $Database
$here = (Get-Location).ProviderPath
$homeFolder = $HomePath ? $HomePath : ($env:ARCHIVEIMPORT_HOME ? $env:ARCHIVEIMPORT_HOME : $here)

$phase4 = Get-ArchiveActivity -Command 'Deploy-Dashboard' -Outcome Succeeded @archive |
    Where-Object Target -eq 'Cleanup' | Sort-Object Time | Select-Object -Last 1
$since = $phase4 ? [datetime]::UtcNow - $phase4.Time.ToUniversalTime() : $null
if (-not $Force -and (-not $phase4 -or $since.TotalDays -lt $WaitDays)) {
    $when = $phase4 ? "last succeeded $($phase4.Time.ToUniversalTime().ToString('u')), $([math]::Floor($since.TotalDays)) day(s) ago" : 'has no success in the activity log'
    throw "Remove-OldDeployment waits $WaitDays days after phase 4 (Deploy-Dashboard.ps1), which $when. " +
        'Run it later, or with -Force if the release is proven and nothing needs rolling back.'
}

$state = @{
    Archive       = $archive
    BackupRoot    = $BackupFolder ? [IO.Path]::GetFullPath($BackupFolder, $here) : (Join-Path $homeFolder 'var/backups')
    ModuleRoot    = $ModuleRoot ? [IO.Path]::GetFullPath($ModuleRoot, $here) : $null
    RetentionDays = $RetentionDays
    Metadata      = Join-Path $homeFolder 'var/archivedotorg/metadata'
}

$steps = @(
    New-DeploymentStep -Name Backup -Target $state.BackupRoot -Do {
        param($s)
        $archive = $s.Archive
        $folder = New-Item -ItemType Directory -Force (Join-Path $s.BackupRoot ('remove-old-deployment-' + [datetime]::UtcNow.ToString('yyyyMMdd-HHmmss-fff')))
        $database = Backup-ArchiveDatabase -Path $folder.FullName -Confirm:$false @archive
        $metadata = Backup-ArchiveMetadata -Path $folder.FullName -Confirm:$false @archive
        $database, $metadata
        "Backed up the catalog to $($database.Path) and $($metadata.Files) metadata file(s) to $($metadata.Path)."
    }

    if ($state.ModuleRoot) {
        New-DeploymentStep -Name RemoveModuleVersions -Target (Join-Path $state.ModuleRoot 'ArchiveImport') -Do {
            param($s)
            $versions = @(Get-ChildItem (Join-Path $s.ModuleRoot 'ArchiveImport') -Directory -ErrorAction Ignore |
                Where-Object { $_.Name -as [version] } | Sort-Object { [version]$_.Name } -Descending)
            $old = @($versions | Select-Object -Skip 2)
            $old | ForEach-Object { Remove-Item -LiteralPath $_.FullName -Recurse -Force }
            $kept = ($versions | Select-Object -First 2).Name -join ', '
            $old ? "Removed version(s) $($old.Name -join ', '); kept $kept." : "Nothing older than the previous version; kept $kept."
        }
    }

    New-DeploymentStep -Name RemoveImportRuns -Target "runs older than $RetentionDays days" -Do {
        param($s)
        $archive = $s.Archive
        $removal = Remove-ArchiveImportRun -OlderThan $s.RetentionDays -Confirm:$false @archive
        $removal
        "Removed $($removal.Removed) run(s) that started before $($removal.Before.ToString('u'))."
    }

    New-DeploymentStep -Name RemoveLogs -Target "log files older than $RetentionDays days" -Do {
        param($s)
        $archive = $s.Archive
        $removal = Remove-ArchiveLog -OlderThan $s.RetentionDays -Confirm:$false @archive
        $removal
        "Removed $($removal.Removed) log file(s) ($($removal.Bytes) bytes) of days before $($removal.Before) from $($removal.Directory)."
    }

    New-DeploymentStep -Name RemoveFlatMetadata -Target $state.Metadata -Do {
        param($s)
        $flat = @(Get-ChildItem -LiteralPath $s.Metadata -File -Filter '*.json' -ErrorAction Ignore)
        if (-not $flat) { return 'No metadata file left in the old flat layout.' }
        $copies = @{}
        Get-ChildItem -LiteralPath $s.Metadata -Directory | Get-ChildItem -File -Filter '*.json' | ForEach-Object {
            $copies[$_.Name] = @($copies[$_.Name]) + $_.FullName
        }
        $kept = [System.Collections.Generic.List[string]]::new()
        $removed = 0
        foreach ($file in $flat) {
            $hash = (Get-FileHash -LiteralPath $file.FullName -Algorithm SHA256).Hash
            $same = @($copies[$file.Name] | Where-Object { $_ -and (Get-FileHash -LiteralPath $_ -Algorithm SHA256).Hash -eq $hash })
            if ($same) { Remove-Item -LiteralPath $file.FullName -Force; $removed++ } else { $kept.Add($file.Name) }
        }
        "Removed $removed flat file(s) that have an identical per-artist copy." +
            $(if ($kept.Count) { " Kept $($kept.Count) without one (move them with Move-ArchiveMetadata first): $($kept -join ', ')." } else { '' })
    }
)

Invoke-DeploymentPhase -Phase 'Remove-OldDeployment' -Step $steps -State $state -ArchiveParameters $archive -WhatIf:$WhatIfPreference -Confirm:($ConfirmPreference -ne 'None') -ErrorAction $callerErrorAction
