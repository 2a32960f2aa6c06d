<#
.SYNOPSIS
    The 7-day watch after a deployment: runs the day's focus checks, writes them to a log, and returns the review
    criteria with Pass or Fail.

        pwsh -File deployment/Watch-Deployment.ps1 -HomePath /srv/archive -Day 1

.DESCRIPTION
    Day's focus checks (Get-ArchiveHealth -Check …, and the data behind them):
      1 errors          log-errors, failed-imports-24h, and the log's Error/Fatal entries since the deployment
      2 dashboard speed dashboard-queries
      3 match rate      match-rate, and Get-ArchiveDailyMetric for every day since the deployment
      4 memory          import-processes
      5 scheduled runs  scheduled-import, import-success-rate
      6 disk            metadata-disk, database-disk
      7 full health     every check
    The checks and the criteria go to var/log/deployment_monitoring/day-N-TIME.json (one file per run), and to the
    activity log through Write-ArchiveActivity. With -WhatIf it returns the criteria and writes neither.

    Review criteria (every day): ErrorRate (Error/Fatal log entries since the deployment < 1 % of all entries),
    ImportSuccess (import-success-rate > 95 %), MatchRate (every artist's match-rate > 97 %), Dashboard (each
    dashboard query under its target, 100 ms by default), NoDataLost (catalog shows and metadata files not fewer than
    the baseline). The baseline is var/log/deployment_monitoring/baseline.json, written by the first watch run after
    the deployment (run day 1 right after phase 4); delete it to take a new one after the next deployment.
.PARAMETER HomePath
    The ArchiveImport home (config/ and var/); default: ARCHIVEIMPORT_HOME, else the current location.
.PARAMETER Database
    A SQLite file or a MySQL/MariaDB connection string; default: the home's settings.
.PARAMETER Day
    The day of the watch, 1 to 7 (day 1 is the day of the deployment).
.PARAMETER DeployedAt
    When the deployment ended (UTC); default: the start of day 1 (today's UTC midnight minus Day - 1 days).
.OUTPUTS
    ArchiveImport.DeploymentCriterion, one per criterion (Day, Criterion, Status, Value, Target, Detail).
.EXAMPLE
    ./deployment/Watch-Deployment.ps1 -Day 1 | Format-Table Criterion, Status, Value, Target
.EXAMPLE
    if (./deployment/Watch-Deployment.ps1 -Day 7 | Where-Object Status -eq Fail) { exit 1 }
#>
[CmdletBinding(SupportsShouldProcess)]
[OutputType('ArchiveImport.DeploymentCriterion')]
param(
    [string] $HomePath,
    [string] $Database,
    [Parameter(Mandatory)]
    [ValidateRange(1, 7)]
    [int] $Day,
    [datetime] $DeployedAt
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'ArchiveDeployment.psm1') -Verbose:$false
$archive = Get-ArchiveParameters $HomePath $Database
$homeFolder = [IO.Path]::GetFullPath($HomePath ? $HomePath : ($env:ARCHIVEIMPORT_HOME ? $env:ARCHIVEIMPORT_HOME : (Get-Location).ProviderPath))
$since = $PSBoundParameters.ContainsKey('DeployedAt') ? $DeployedAt.ToUniversalTime() : [datetime]::UtcNow.Date.AddDays(1 - $Day)
$logFolder = Join-Path $homeFolder 'var/log/deployment_monitoring'
$metadataFolder = Join-Path $homeFolder 'var/archivedotorg/metadata'
$clock = [Diagnostics.Stopwatch]::StartNew()

$focus = @{
    1 = @('log-errors', 'failed-imports-24h')
    2 = @('dashboard-queries')
    3 = @('match-rate')
    4 = @('import-processes')
    5 = @('scheduled-import', 'import-success-rate')
    6 = @('metadata-disk', 'database-disk')
}
$checks = @(if ($Day -eq 7) { Get-ArchiveHealth @archive } else { Get-ArchiveHealth -Check $focus[$Day] @archive })
if ($Day -ne 7) {
    # The criteria need these every day; the day's own focus already holds some of them.
    $checks += @(Get-ArchiveHealth -Check @('import-success-rate', 'match-rate', 'dashboard-queries' | Where-Object { $_ -notin $focus[$Day] }) @archive)
}
$entries = @(Get-ArchiveLog -Since $since @archive)
$metrics = @(if ($Day -eq 3) { Get-ArchiveDailyMetric -From $since.Date @archive })

function New-Criterion([string] $Name, [bool] $Passed, [string] $Value, [string] $Target, [string] $Detail) {
    [pscustomobject]@{
        PSTypeName = 'ArchiveImport.DeploymentCriterion'
        Day = $Day; Criterion = $Name; Status = $Passed ? 'Pass' : 'Fail'; Value = $Value; Target = $Target; Detail = $Detail
    }
}

function Get-CheckCriterion([string] $Name, [string] $CheckId, [string] $Comparison, [string] $Unit) {
    $results = @($checks | Where-Object Id -eq $CheckId)
    $Target = "$Comparison $(($results | Where-Object Threshold | Select-Object -First 1).Threshold) $Unit"
    $bad = @($results | Where-Object Status -ne 'Pass')
    $values = ($results | Where-Object Value | ForEach-Object { $_.Target ? "$($_.Target) $($_.Value)" : $_.Value }) -join ', '
    New-Criterion $Name (-not $bad -and $results) $values $Target (($bad ? $bad : $results | Select-Object -First 1).Message -join ' ')
}

$errors = @($entries | Where-Object Level -in 'Error', 'Fatal')
$errorRate = $entries ? 100.0 * $errors.Count / $entries.Count : 0.0
$shows = (@(Get-ArchiveStatus @archive) | Measure-Object ShowsDownloaded -Sum).Sum ?? 0
$files = @(Get-ChildItem -LiteralPath $metadataFolder -Recurse -File -Filter '*.json' -ErrorAction Ignore).Count
$baselinePath = Join-Path $logFolder 'baseline.json'
if (Test-Path -LiteralPath $baselinePath) {
    $baseline = Get-Content -LiteralPath $baselinePath -Raw | ConvertFrom-Json
}
else {
    $baseline = [pscustomobject]@{ RecordedAt = [datetime]::UtcNow.ToString('o'); Shows = $shows; MetadataFiles = $files }
    if ($PSCmdlet.ShouldProcess($baselinePath, 'Record the no-data-lost baseline')) {
        $null = New-Item -ItemType Directory -Force $logFolder
        $baseline | ConvertTo-Json | Set-Content -LiteralPath $baselinePath
    }
}

$criteria = @(
    New-Criterion 'ErrorRate' ($errorRate -lt 1) ('{0:0.##} %' -f $errorRate) '< 1 %' `
        "$($errors.Count) Error/Fatal of $($entries.Count) log entries since $($since.ToString('u')).$(if ($errors) { ' Read them with Get-ArchiveLog -Level Error -Since ''' + $since.ToString('u') + '''.' })"
    Get-CheckCriterion 'ImportSuccess' 'import-success-rate' '>=' '%'
    Get-CheckCriterion 'MatchRate' 'match-rate' '>=' '%'
    Get-CheckCriterion 'Dashboard' 'dashboard-queries' '<' 'ms per query'
    New-Criterion 'NoDataLost' ($shows -ge $baseline.Shows -and $files -ge $baseline.MetadataFiles) "$shows shows, $files files" `
        "$($baseline.Shows) shows, $($baseline.MetadataFiles) files" `
        "Baseline of $($baseline.RecordedAt) in $baselinePath.$(if ($shows -lt $baseline.Shows -or $files -lt $baseline.MetadataFiles) { ' Fewer now: restore with Undo-Deployment.ps1 from the deployment''s backups, see docs/DEPLOYMENT_PLAN.md.' })"
)

$logPath = Join-Path $logFolder ('day-{0}-{1}.json' -f $Day, [datetime]::UtcNow.ToString('yyyyMMdd-HHmmss-fff'))
if ($PSCmdlet.ShouldProcess($logPath, "Write day $Day's monitoring log and record it in the activity log")) {
    $null = New-Item -ItemType Directory -Force $logFolder
    [ordered]@{
        Day = $Day; Since = $since.ToString('o'); Checks = $checks; Criteria = $criteria
        DailyMetrics = $metrics; LogErrors = @($errors | Select-Object -Last 50)
    } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $logPath

    $failed = @($criteria | Where-Object Status -eq 'Fail')
    Write-ArchiveActivity 'Watch-Deployment' "day $Day" -Outcome ($failed ? 'Failed' : 'Succeeded') -Duration $clock.Elapsed `
        -Message ($failed ? "Failed: $($failed.Criterion -join ', '). Log: $logPath" : "Every criterion passed. Log: $logPath") @archive
}
$criteria
