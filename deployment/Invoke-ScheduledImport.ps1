<#
.SYNOPSIS
    The scheduled import: for each artist, download what changed on archive.org, populate the catalog, then run
    the health checks. Written for cron or Task Scheduler through the bundled host:

        archive-import -File deployment/Invoke-ScheduledImport.ps1 -Artist 'Grateful Dead', 'Lettuce'

.DESCRIPTION
    One artist's failure (its lock is held, its config is missing, archive.org is down) is reported and the
    other artists still run. The script ends with a terminating error, so the host exits non-zero, when any
    artist failed or any health check failed. Uses only the engine's core cmdlets and ArchiveImport's own,
    so it runs under archive-import as well as pwsh.
.PARAMETER Artist
    The artists to import, as named in config/artists/*.yaml.
.PARAMETER Limit
    At most this many shows per artist (for a trial run).
.PARAMETER SkipHealthCheck
    Import only; do not run Get-ArchiveHealth afterwards.
.OUTPUTS
    One summary object per artist (Artist, Downloaded, Unchanged, NotImportable, Failed, Populated, Errors),
    then the health check results.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)]
    [string[]] $Artist,

    [ValidateRange(1, [int]::MaxValue)]
    [int] $Limit,

    [switch] $SkipHealthCheck
)

$failures = [System.Collections.Generic.List[string]]::new()
foreach ($name in $Artist) {
    $downloadArgs = @{ Artist = $name; ErrorVariable = 'importErrors'; ErrorAction = 'Continue'; WhatIf = $WhatIfPreference }
    if ($Limit) { $downloadArgs.Limit = $Limit }

    $importErrors = $null
    $downloads = [System.Collections.Generic.List[object]]::new()
    $populated = Invoke-ArchiveDownload @downloadArgs |
        ForEach-Object { $downloads.Add($_); $_ } |
        Invoke-ArchivePopulate -ErrorVariable +importErrors -ErrorAction Continue -WhatIf:$WhatIfPreference

    $summary = [pscustomobject]@{
        PSTypeName    = 'ArchiveImport.ScheduledImportSummary'
        Artist        = $name
        Downloaded    = @($downloads | Where-Object Status -eq 'Downloaded').Count
        Unchanged     = @($downloads | Where-Object Status -eq 'Unchanged').Count
        NotImportable = @($downloads | Where-Object Status -eq 'NotImportable').Count
        Failed        = @($downloads | Where-Object Status -eq 'Failed').Count + @($populated | Where-Object Status -eq 'Failed').Count
        Populated     = @($populated | Where-Object Status -eq 'Populated').Count
        Errors        = $importErrors.Count
    }
    if ($summary.Errors -gt 0) { $failures.Add("$name ($($summary.Errors) error(s))") }
    $summary
}

if (-not $SkipHealthCheck -and -not $WhatIfPreference) {
    $health = Get-ArchiveHealth
    $health
    foreach ($check in @($health | Where-Object Status -eq 'Fail')) {
        $failures.Add("health check $($check.Id): $($check.Message)")
    }
}

if ($failures.Count -gt 0) {
    throw "Scheduled import finished with problems: $($failures -join '; ')"
}
