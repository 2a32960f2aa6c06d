<#
.SYNOPSIS
    Deployment phase 4: recompute the daily metrics of the last days, export the dashboard, and check every
    dashboard query against its time target (health: maxDashboardQueryMilliseconds, 100 ms by default).

        pwsh -File deployment/Deploy-Dashboard.ps1 -HomePath /srv/archive -Days 30 -Path /srv/www/archive/dashboard.html

.DESCRIPTION
    Steps: DailyMetrics (Update-ArchiveDailyMetric for each of the last -Days UTC days; idempotent) → ExportDashboard
    (Export-ArchiveDashboard; the file it replaces is kept aside first) → CheckQueries (Get-ArchiveHealth -Check
    dashboard-queries; a query at or over the target fails the step).
    On a failure the dashboard file is put back as it was (removed if there was none); the recomputed metrics stay,
    since recomputing a day is idempotent and loses nothing.
.PARAMETER HomePath
    The ArchiveImport home (config/ and var/); default: ARCHIVEIMPORT_HOME, else the current location.
.PARAMETER Database
    A SQLite file or a MySQL/MariaDB connection string; default: the home's settings.
.PARAMETER Days
    How many days of daily metrics to recompute, today (UTC) included. Default 30.
.PARAMETER Path
    The dashboard file to write; default var/dashboard/dashboard.html in the home.
.OUTPUTS
    ArchiveImport.DeploymentStep, one per step (Phase, Step, Status, Duration, Detail).
.EXAMPLE
    ./deployment/Deploy-Dashboard.ps1 -Days 7 -WhatIf
.EXAMPLE
    ./deployment/Deploy-Dashboard.ps1 -Path ./dashboard.html | Format-Table Step, Status, Duration, Detail
#>
[CmdletBinding(SupportsShouldProcess)]
[OutputType('ArchiveImport.DeploymentStep')]
param(
    [string] $HomePath,
    [string] $Database,
    [ValidateRange(1, 3660)]
    [int] $Days = 30,
    [string] $Path
)

# The phase's verdict follows the caller's error action; its own steps stop at their first error.
$callerErrorAction = $ErrorActionPreference
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'ArchiveDeployment.psm1') -Verbose:$false
$archive = Get-ArchiveParameters $HomePath $Database
$homeFolder = $HomePath ? $HomePath : ($env:ARCHIVEIMPORT_HOME ? $env:ARCHIVEIMPORT_HOME : (Get-Location).ProviderPath)
$dashboard = [IO.Path]::GetFullPath($Path ? $Path : (Join-Path $homeFolder 'var/dashboard/dashboard.html'), (Get-Location).ProviderPath)
$state = @{ Archive = $archive; Days = $Days; Dashboard = $dashboard }

$steps = @(
    New-DeploymentStep -Name DailyMetrics -Target "the last $Days day(s)" -Do {
        param($s)
        $archive = $s.Archive
        $today = [datetime]::UtcNow.Date
        $dates = @(0..($s.Days - 1) | ForEach-Object { $today.AddDays(-$_) })
        $metrics = @(Update-ArchiveDailyMetric -Date $dates -Confirm:$false @archive)
        "Recomputed $($s.Days) day(s) ($($dates[-1].ToString('yyyy-MM-dd')) to $($today.ToString('yyyy-MM-dd'))): $($metrics.Count) artist-day row(s)."
    }

    New-DeploymentStep -Name ExportDashboard -Target $dashboard -Do {
        param($s)
        $archive = $s.Archive
        if (Test-Path -LiteralPath $s.Dashboard) {
            $s.PreviousDashboard = "$($s.Dashboard).before-deploy"
            Copy-Item -LiteralPath $s.Dashboard -Destination $s.PreviousDashboard -Force
        }
        $null = New-Item -ItemType Directory -Force (Split-Path $s.Dashboard -Parent)
        $report = Export-ArchiveDashboard -Path $s.Dashboard -Confirm:$false @archive
        $report
        "Wrote $($report.Path) ($($report.Bytes) bytes)."
    } -Undo {
        param($s)
        if ($s['PreviousDashboard']) {
            Move-Item -LiteralPath $s.PreviousDashboard -Destination $s.Dashboard -Force
            return "Put the previous $($s.Dashboard) back."
        }
        Remove-Item -LiteralPath $s.Dashboard -Force -ErrorAction Ignore
        "Removed $($s.Dashboard)."
    }

    New-DeploymentStep -Name CheckQueries -Target 'dashboard queries' -Do {
        param($s)
        $archive = $s.Archive
        $checks = @(Get-ArchiveHealth -Check dashboard-queries @archive)
        $checks
        $slow = @($checks | Where-Object Status -ne 'Pass')
        if ($slow.Count -gt 0) { throw ($slow | ForEach-Object Message) -join ' ' }
        ($checks | ForEach-Object Message) -join ' '
    }

    New-DeploymentStep -Name Cleanup -Target 'the kept dashboard' -Do {
        param($s)
        if ($s['PreviousDashboard']) {
            Remove-Item -LiteralPath $s.PreviousDashboard -Force
            return 'Removed the copy of the previous dashboard.'
        }
        'Nothing to remove.'
    }
)

Invoke-DeploymentPhase -Phase 'Deploy-Dashboard' -Step $steps -State $state -ArchiveParameters $archive -WhatIf:$WhatIfPreference -Confirm:($ConfirmPreference -eq 'Low') -ErrorAction $callerErrorAction
