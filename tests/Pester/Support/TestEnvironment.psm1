# What the Pester specs share: the packaged module, the project's own test servers (the fake archive.org and a private
# mariadbd, each run as its own process and always stopped), scratch home folders, and child pwsh processes for
# what must start from a clean session (autoload, time zones, assemblies loaded first).

$script:Repo = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path
$script:Package = $env:ARCHIVEIMPORT_PACKAGE
if (-not $script:Package) { $script:Package = Join-Path $script:Repo 'out/ArchiveImport' }

function Get-TestPackage {
    <# The packaged module folder (out/ArchiveImport), as build.ps1 -Task Package wrote it. #>
    if (-not (Test-Path (Join-Path $script:Package 'ArchiveImport.psd1'))) {
        throw "No packaged module at $script:Package: run ./build.ps1 -Task Package (or -Task Pester) first."
    }
    $script:Package
}

function Get-RepoPath([string] $Relative) { Join-Path $script:Repo $Relative }

function Add-PackageToModulePath {
    <# Puts the package's parent folder first on PSModulePath, as an operator who copied it there would have it. #>
    $parent = Split-Path (Get-TestPackage) -Parent
    if (($env:PSModulePath -split [IO.Path]::PathSeparator) -notcontains $parent) {
        $env:PSModulePath = $parent + [IO.Path]::PathSeparator + $env:PSModulePath
    }
}

function Get-TestToolDll([string] $Project) {
    $dll = Get-ChildItem (Join-Path $script:Repo "tests/$Project/bin") -Recurse -Filter "$Project.dll" -ErrorAction Ignore |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $dll) {
        dotnet build (Join-Path $script:Repo "tests/$Project") -nologo -v quiet | Out-Host
        if ($LASTEXITCODE) { throw "Building tests/$Project failed." }
        return Get-TestToolDll $Project
    }
    $dll.FullName
}

function Start-TestServer([string] $Project, [string[]] $Arguments, [string] $ReadyPattern, [int] $TimeoutSeconds = 60) {
    $log = [IO.Path]::GetTempFileName()
    $errors = [IO.Path]::GetTempFileName()
    # dotnet runs the server's own dll, so the process we stop is the server itself (not a 'dotnet run' parent).
    $process = Start-Process dotnet -ArgumentList (@((Get-TestToolDll $Project)) + $Arguments) -PassThru `
        -RedirectStandardOutput $log -RedirectStandardError $errors
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        $line = Get-Content $log -ErrorAction Ignore | Where-Object { $_ -match $ReadyPattern } | Select-Object -First 1
        if ($line) {
            return [pscustomobject]@{ Process = $process; Line = $line; Match = $Matches; Log = $log; ErrorLog = $errors }
        }
        if ($process.HasExited) { break }
        Start-Sleep -Milliseconds 100
    }
    Stop-TestServer ([pscustomobject]@{ Process = $process; Log = $log; ErrorLog = $errors })
    throw "tests/$Project did not start: $(Get-Content $errors -Raw)"
}

function Stop-TestServer($Server) {
    <# SIGTERM first (the servers clean up after themselves), then kill; always removes the logs. #>
    if (-not $Server) { return }
    $process = $Server.Process
    if ($process -and -not $process.HasExited) {
        if ($IsWindows) { $process.Kill() } else { & /bin/kill -TERM $process.Id 2>$null }
        if (-not $process.WaitForExit(15000)) { $process.Kill($true); $process.WaitForExit(5000) | Out-Null }
    }
    Remove-Item $Server.Log, $Server.ErrorLog -Force -ErrorAction Ignore
}

function Start-FakeArchive([string] $Fixtures) {
    <# The fake archive.org on a free loopback port, serving the recorded responses in tests/fixtures (or in -Fixtures). #>
    $arguments = @('--port', '0', '--ignore-stdin') + $(if ($Fixtures) { @('--fixtures', $Fixtures) } else { @() })
    $server = Start-TestServer 'ArchiveImport.FakeArchive' $arguments 'Listening on (http://\S+)'
    $server | Add-Member -NotePropertyName Url -NotePropertyValue $server.Match[1] -PassThru
}

function Start-TestMariaDb {
    <# A private mariadbd in a temp folder on a free port, with one empty database. #>
    $server = Start-TestServer 'ArchiveImport.TestMariaDb' @('--ignore-stdin') '^ConnectionString=(.+)$' 120
    $server | Add-Member -NotePropertyName ConnectionString -NotePropertyValue $server.Match[1] -PassThru
}

function New-TestHome([string] $ArchiveUrl, [string] $Database) {
    <# A scratch home: the shipped artist configs and a settings file pointing at the fake archive.org. #>
    $path = Join-Path ([IO.Path]::GetTempPath()) ('aipester-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path (Join-Path $path 'config/artists') | Out-Null
    Copy-Item (Join-Path $script:Repo 'config/artists/*.yaml') (Join-Path $path 'config/artists')
    $settings = @("archiveUrl: $ArchiveUrl", 'retryBaseDelaySeconds: 0.02', 'maxRetries: 2', 'httpTimeoutSeconds: 5')
    if ($Database) { $settings += "database: '$($Database -replace "'", "''")'" }
    Set-Content -Path (Join-Path $path 'config/archiveimport.yaml') -Value $settings
    $path
}

function Enter-TestHome([string] $ArchiveUrl, [string] $Database) {
    <#
    A scratch home made the current location, with its MariaDB catalog migrated when it has one (SQLite migrates on
    first use); returns its path. Exit-TestHome goes back and removes it.
    #>
    $path = New-TestHome $ArchiveUrl $Database
    Push-Location $path
    if ($Database) { ArchiveImport\Update-ArchiveDatabase -Confirm:$false | Out-Null }
    $path
}

function Exit-TestHome([string] $Path) {
    Pop-Location
    Remove-TestHome $Path
}

function Remove-TestHome([string] $Path) {
    if ($Path -and (Test-Path $Path)) { Remove-Item $Path -Recurse -Force -ErrorAction Ignore }
}

function Invoke-ChildPwsh {
    <#
      Runs a script in a new pwsh (this same pwsh) with the package on PSModulePath and nothing imported, and returns
      its exit code, standard output and standard error.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [string] $WorkingDirectory = (Get-Location).Path,
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 180,
        # Each line typed at the prompt, one command at a time (as an operator at a terminal), instead of one script.
        [switch] $AsTyped
    )
    $file = Join-Path ([IO.Path]::GetTempPath()) ('aipester-' + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -Path $file -Value $Script
    $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $mode = $AsTyped ? @('-Command', '-') : @('-NonInteractive', '-File', $file)
    foreach ($a in @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile') + $mode) { $start.ArgumentList.Add($a) }
    $start.WorkingDirectory = $WorkingDirectory
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $start.Environment['PSModulePath'] = (Split-Path (Get-TestPackage) -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath
    $start.Environment['NO_COLOR'] = '1'
    foreach ($key in $Environment.Keys) { $start.Environment[$key] = $Environment[$key] }
    $process = [Diagnostics.Process]::Start($start)
    if ($AsTyped) { $process.StandardInput.Write($Script + "`n") }
    $process.StandardInput.Close()
    $output = $process.StandardOutput.ReadToEndAsync()
    $errors = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        $process.Kill($true)
        Remove-Item $file -ErrorAction Ignore
        throw "The child pwsh did not finish within $TimeoutSeconds s."
    }
    Remove-Item $file -ErrorAction Ignore
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $output.Result; Errors = $errors.Result }
}

Export-ModuleMember -Function *
