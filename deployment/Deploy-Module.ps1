<#
.SYNOPSIS
    Deployment phase 2: install the new ArchiveImport version beside the running one, in versioned folders, and prove
    in a fresh pwsh process that it loads, exports every cmdlet, and still downloads, populates and lists unmatched.

        pwsh -File deployment/Deploy-Module.ps1 -PackagePath ./out/ArchiveImport `
            -ModuleRoot ~/.local/share/powershell/Modules -ArchiveUrl https://archive.org

.DESCRIPTION
    Steps: Install (copy the package folder to MODULEROOT/ArchiveImport/VERSION, or Save-PSResource from a
    PSResourceGet repository such as a local folder repository; an existing folder of that version is left as it
    is) → VerifyLoad (a fresh pwsh imports that version by path and lists its cmdlets; every cmdlet its manifest
    names must be there) → VerifyWorkflow (in that process, on a scratch home pointed at -ArchiveUrl with this
    home's artist configs: Invoke-ArchiveDownload -Limit 1 | Invoke-ArchivePopulate, then Get-ArchiveUnmatched).

    The previous version's folder is never touched, so rolling back is removing the new folder (the Install step's
    undo, or Undo-Deployment -ModuleRoot … -RemoveModuleVersion …), and a running import keeps the version it loaded:
    pwsh loads a module's files once, at import. New sessions import the highest version on PSModulePath.
.PARAMETER PackagePath
    The packaged module folder (build.ps1 -Task Package writes out/ArchiveImport).
.PARAMETER Repository
    A registered PSResourceGet repository holding the ArchiveImport package (instead of -PackagePath).
.PARAMETER Version
    With -Repository: the version to install (default: the newest there).
.PARAMETER ModuleRoot
    The folder on PSModulePath that holds ArchiveImport/VERSION folders.
.PARAMETER ArchiveUrl
    The archive.org to verify against (https://archive.org in production; a test server in tests).
.PARAMETER Artist
    The artist whose configured collection the workflow check downloads one show of. Default 'Grateful Dead'.
.PARAMETER HomePath
    The ArchiveImport home whose config/artists the check copies; default: ARCHIVEIMPORT_HOME, else the current location.
.PARAMETER Database
    The catalog the activity log is written to; default: the home's settings.
.PARAMETER PwshPath
    The pwsh to start for the checks; default: the one running this script, else pwsh on PATH.
.OUTPUTS
    ArchiveImport.DeploymentStep, one per step (Phase, Step, Status, Duration, Detail).
.EXAMPLE
    ./deployment/Deploy-Module.ps1 -PackagePath ./out/ArchiveImport -ModuleRoot ~/.local/share/powershell/Modules -ArchiveUrl https://archive.org -WhatIf
.EXAMPLE
    ./deployment/Deploy-Module.ps1 -Repository ArchiveImportLocal -Version 1.4.0 -ModuleRoot /opt/microsoft/powershell/Modules -ArchiveUrl https://archive.org
#>
[CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Package')]
[OutputType('ArchiveImport.DeploymentStep')]
param(
    [Parameter(Mandatory, ParameterSetName = 'Package')]
    [string] $PackagePath,

    [Parameter(Mandatory, ParameterSetName = 'Repository')]
    [string] $Repository,

    [Parameter(ParameterSetName = 'Repository')]
    [string] $Version,

    [Parameter(Mandatory)]
    [string] $ModuleRoot,

    [Parameter(Mandatory)]
    [string] $ArchiveUrl,

    [string] $Artist = 'Grateful Dead',
    [string] $HomePath,
    [string] $Database,
    [string] $PwshPath
)

# The phase's verdict follows the caller's error action; its own steps stop at their first error.
$callerErrorAction = $ErrorActionPreference
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'ArchiveDeployment.psm1') -Verbose:$false
$archive = Get-ArchiveParameters $HomePath $Database
$here = (Get-Location).ProviderPath
$homeFolder = $HomePath ? $HomePath : ($env:ARCHIVEIMPORT_HOME ? $env:ARCHIVEIMPORT_HOME : $here)
$state = @{
    Archive     = $archive
    PackagePath = $PackagePath ? [IO.Path]::GetFullPath($PackagePath, $here) : $null
    Repository  = $Repository
    Version     = $Version
    ModuleRoot  = [IO.Path]::GetFullPath($ModuleRoot, $here)
    ArchiveUrl  = $ArchiveUrl
    Artist      = $Artist
    Configs     = Join-Path $homeFolder 'config/artists'
    Pwsh        = $PwshPath
}

function Invoke-FreshPwsh([hashtable] $State, [string] $Script) {
    # A new process, so the new version's assemblies are loaded as a new session loads them, never beside this one's.
    $start = [Diagnostics.ProcessStartInfo]::new()
    if ($State.Pwsh) { $start.FileName = $State.Pwsh }
    elseif (Test-Path (Join-Path $PSHOME 'pwsh.dll')) { $start.FileName = 'dotnet'; $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    else { $start.FileName = 'pwsh' }
    foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', '-') { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardInput = $start.RedirectStandardOutput = $start.RedirectStandardError = $true
    $start.Environment['NO_COLOR'] = '1'
    $process = [Diagnostics.Process]::Start($start)
    $process.StandardInput.Write($Script + "`n")
    $process.StandardInput.Close()
    $output = $process.StandardOutput.ReadToEndAsync()
    $errors = $process.StandardError.ReadToEndAsync()
    $process.WaitForExit()
    if ($process.ExitCode -ne 0) { throw "The check in a fresh pwsh failed (exit code $($process.ExitCode)): $($errors.Result.Trim()) $($output.Result.Trim())" }
    $output.Result | ConvertFrom-Json
}

$steps = @(
    New-DeploymentStep -Name Install -Target $state.ModuleRoot -Do {
        param($s)
        $staging = Join-Path $s.ModuleRoot ".ArchiveImport-staging-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        try {
            if ($s.PackagePath) {
                $s.InstalledVersion = (Import-PowerShellDataFile (Join-Path $s.PackagePath 'ArchiveImport.psd1')).ModuleVersion
                $null = New-Item -ItemType Directory -Force $staging
                Copy-Item -Path $s.PackagePath -Destination (Join-Path $staging 'ArchiveImport') -Recurse
                $source = Join-Path $staging 'ArchiveImport'
            }
            else {
                $save = @{ Name = 'ArchiveImport'; Repository = $s.Repository; Path = $staging; TrustRepository = $true; PassThru = $true }
                if ($s.Version) { $save.Version = $s.Version }
                $null = New-Item -ItemType Directory -Force $staging
                $saved = Save-PSResource @save | Where-Object Name -eq 'ArchiveImport' | Select-Object -First 1
                $s.InstalledVersion = "$($saved.Version)"
                $source = Join-Path $staging "ArchiveImport/$($s.InstalledVersion)"
            }
            $s.ModuleFolder = Join-Path $s.ModuleRoot "ArchiveImport/$($s.InstalledVersion)"
            if (Test-Path $s.ModuleFolder) {
                $s.Created = $false
                return "Version $($s.InstalledVersion) is already installed at $($s.ModuleFolder); left as it is."
            }
            $null = New-Item -ItemType Directory -Force (Split-Path $s.ModuleFolder -Parent)
            # One rename, so no session ever finds a half-copied version folder.
            Move-Item -LiteralPath $source -Destination $s.ModuleFolder
            $s.Created = $true
            $others = @(Get-ChildItem (Split-Path $s.ModuleFolder -Parent) -Directory | Where-Object Name -ne $s.InstalledVersion | ForEach-Object Name)
            "Installed version $($s.InstalledVersion) at $($s.ModuleFolder); kept beside it: $(if ($others) { $others -join ', ' } else { 'none' })."
        }
        finally {
            Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction Ignore
        }
    } -Undo {
        param($s)
        if (-not $s['Created']) { return 'Nothing installed by this run; nothing removed.' }
        Remove-Item -LiteralPath $s.ModuleFolder -Recurse -Force
        "Removed $($s.ModuleFolder)."
    }

    New-DeploymentStep -Name VerifyLoad -Target 'a fresh pwsh' -Do {
        param($s)
        $manifest = Join-Path $s.ModuleFolder 'ArchiveImport.psd1'
        $expected = @((Import-PowerShellDataFile $manifest).CmdletsToExport)
        $loaded = Invoke-FreshPwsh $s @"
`$ErrorActionPreference = 'Stop'
`$module = Import-Module '$($manifest -replace "'", "''")' -PassThru
@{ Version = "`$(`$module.Version)"; Cmdlets = @(`$module.ExportedCmdlets.Keys) } | ConvertTo-Json -Compress
"@
        $missing = @($expected | Where-Object { $_ -notin $loaded.Cmdlets })
        if ($loaded.Version -ne $s.InstalledVersion) { throw "A fresh pwsh loaded version $($loaded.Version), not $($s.InstalledVersion)." }
        if ($missing) { throw "Version $($s.InstalledVersion) loads but does not export: $($missing -join ', ')." }
        "Version $($loaded.Version) loads in a fresh pwsh and exports all $($expected.Count) cmdlets."
    }

    New-DeploymentStep -Name VerifyWorkflow -Target $state.ArchiveUrl -Do {
        param($s)
        $scratch = Join-Path ([IO.Path]::GetTempPath()) ('archiveimport-verify-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
        try {
            $null = New-Item -ItemType Directory (Join-Path $scratch 'config/artists')
            Copy-Item (Join-Path $s.Configs '*.yaml') (Join-Path $scratch 'config/artists')
            Set-Content (Join-Path $scratch 'config/archiveimport.yaml') "archiveUrl: $($s.ArchiveUrl)"
            $manifest = Join-Path $s.ModuleFolder 'ArchiveImport.psd1'
            $artist = $s.Artist -replace "'", "''"
            $result = Invoke-FreshPwsh $s @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($manifest -replace "'", "''")'
Set-Location '$($scratch -replace "'", "''")'
`$populated = @(Invoke-ArchiveDownload -Artist '$artist' -Limit 1 | Invoke-ArchivePopulate)
`$unmatched = @(Get-ArchiveUnmatched -Artist '$artist')
@{ Populated = @(`$populated | Where-Object { "`$(`$_.Status)" -eq 'Populated' }).Count; Tracks = (`$populated | Measure-Object Tracks -Sum).Sum; Unmatched = `$unmatched.Count } | ConvertTo-Json -Compress
"@
            if ($result.Populated -lt 1) { throw "Downloading and populating one show of $($s.Artist) from $($s.ArchiveUrl) populated none." }
            "Downloaded and populated $($result.Populated) show ($($result.Tracks) tracks) of $($s.Artist) from $($s.ArchiveUrl) on a scratch home; $($result.Unmatched) unmatched title(s) listed."
        }
        finally {
            Remove-Item -LiteralPath $scratch -Recurse -Force -ErrorAction Ignore
        }
    }
)

Invoke-DeploymentPhase -Phase 'Deploy-Module' -Step $steps -State $state -ArchiveParameters $archive -WhatIf:$WhatIfPreference -Confirm:($ConfirmPreference -eq 'Low') -ErrorAction $callerErrorAction
