<#
.SYNOPSIS
    Times deployment phases 1, 3, 4 and 5 and the full undo on a home made by the benchmark's deployhome mode (docs/DEPLOYMENT_PLAN.md):

        dotnet tool restore; ./build.ps1 -Task Package
        dotnet run -c Release --project tests/ArchiveImport.Benchmarks -- deployhome --shows 2000   # prints Home=PATH
        dotnet pwsh tests/ArchiveImport.Benchmarks/Measure-DeploymentPhases.ps1 -HomePath PATH
.PARAMETER HomePath
    The home deployhome printed; deleted afterwards unless -Keep.
#>
param(
    [Parameter(Mandatory)] [string] $HomePath,
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
$repo = Resolve-Path (Join-Path $PSScriptRoot '../..')
$env:PSModulePath = (Join-Path $repo 'out') + [IO.Path]::PathSeparator + $env:PSModulePath
Import-Module ArchiveImport
Push-Location $HomePath
try {
    Add-Content config/archiveimport.yaml "health:`n  maxDashboardQueryMilliseconds: 60000"
    $metadata = Backup-ArchiveMetadata
    # Phase 3 moves the older system's flat layout: put every show file back into it first.
    Get-ChildItem var/archivedotorg/metadata -Directory | Get-ChildItem -File -Filter '*.json' | Move-Item -Destination var/archivedotorg/metadata
    $phases = [ordered]@{
        'phase 1, Deploy-Database' = { & "$repo/deployment/Deploy-Database.ps1" }
        'phase 3, Deploy-Data' = { & "$repo/deployment/Deploy-Data.ps1" }
        'phase 4, Deploy-Dashboard (30 days)' = { & "$repo/deployment/Deploy-Dashboard.ps1" -Days 30 }
        'phase 5, Remove-OldDeployment -Force' = { & "$repo/deployment/Remove-OldDeployment.ps1" -Force -Confirm:$false }
    }
    $steps = @{}
    foreach ($phase in $phases.Keys) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $steps[$phase] = @(& $phases[$phase])
        '{0}: {1:0.0} s ({2})' -f $phase, $clock.Elapsed.TotalSeconds, (($steps[$phase] | ForEach-Object { '{0} {1:0.00} s' -f $_.Step, $_.Duration.TotalSeconds }) -join ', ')
    }
    $backup = $steps['phase 1, Deploy-Database'][0].Output[0]
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $undo = @(& "$repo/deployment/Undo-Deployment.ps1" -DatabaseBackup $backup.Path -MetadataBackup $metadata.Path -Confirm:$false)
    'Undo-Deployment: {0:0.0} s ({1})' -f $clock.Elapsed.TotalSeconds, (($undo | ForEach-Object { '{0} {1:0.00} s' -f $_.Step, $_.Duration.TotalSeconds }) -join ', ')
}
finally {
    Pop-Location
    if (-not $Keep) { Remove-Item $HomePath -Recurse -Force }
}
