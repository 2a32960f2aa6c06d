#!/usr/bin/env -S dotnet pwsh -NoProfile -File
#Requires -Version 7.6
<#
.SYNOPSIS
    Builds, tests and packages the ArchiveImport module.
.DESCRIPTION
    Runs under the pwsh pinned in .config/dotnet-tools.json (run 'dotnet tool restore' once), or any pwsh 7.6+.

    Build    builds the solution (Debug unless -Configuration says otherwise).
    Test     runs the xUnit suites, then packages the module and runs the Pester suite against the package.
    Pester   packages the module and runs tests/Pester/*.Tests.ps1 against it in this pwsh.
    Package  writes out/ArchiveImport (copy it into any folder on PSModulePath) and out/ArchiveImport.<version>.nupkg
             (for Install-PSResource from a local folder repository). Release unless -Configuration says otherwise.
.EXAMPLE
    dotnet tool restore; ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$out = Join-Path $PSScriptRoot 'out'

function Invoke-Dotnet {
    dotnet @args
    if ($LASTEXITCODE) { throw "dotnet $($args[0]) failed with exit code $LASTEXITCODE." }
}

function Invoke-Build([string] $configuration) {
    Invoke-Dotnet build ArchiveImport.sln -c $configuration -nologo -v quiet
}

function Invoke-XunitTests([string] $configuration) {
    Invoke-Build $configuration
    Invoke-Dotnet test ArchiveImport.sln -c $configuration --no-build -nologo
}

function New-ModulePackage([string] $configuration) {
    Invoke-Build $configuration
    $layout = Join-Path $PSScriptRoot "src/ArchiveImport.PowerShell/bin/$configuration/module/ArchiveImport"
    Remove-Item $out -Recurse -Force -ErrorAction Ignore
    New-Item -ItemType Directory $out | Out-Null
    Copy-Item $layout -Destination (Join-Path $out 'ArchiveImport') -Recurse
    Compress-PSResource -Path (Join-Path $out 'ArchiveImport') -DestinationPath $out
    $package = Get-ChildItem $out -Filter 'ArchiveImport.*.nupkg' | Select-Object -First 1
    $size = (Get-ChildItem (Join-Path $out 'ArchiveImport') -Recurse -File | Measure-Object Length -Sum).Sum
    "Packaged out/ArchiveImport ({0:N1} MB) and out/{1} ({2:N1} MB)." -f ($size / 1MB), $package.Name, ($package.Length / 1MB)
}

function Invoke-PesterTests {
    New-ModulePackage ($Configuration ? $Configuration : 'Release')
    # Pester comes from NuGet (tests/ArchiveImport.PesterTools restores it), never from a gallery.
    Invoke-Dotnet restore tests/ArchiveImport.PesterTools -nologo -v quiet
    $assets = Get-Content tests/ArchiveImport.PesterTools/obj/project.assets.json -Raw | ConvertFrom-Json -AsHashtable
    $packages = @($assets.packageFolders.Keys)[0]
    Import-Module (Join-Path $packages 'pester/5.9.1/tools/Pester.psd1') -Force
    $env:ARCHIVEIMPORT_PACKAGE = Join-Path $out 'ArchiveImport'
    $env:ARCHIVEIMPORT_NUGET_PACKAGES = $packages

    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $PSScriptRoot 'tests/Pester'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'JUnitXml'
    $config.TestResult.OutputPath = Join-Path $out 'pester-results.xml'
    $result = Invoke-Pester -Configuration $config
    if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') {
        throw "Pester: $($result.FailedCount) test(s) failed, $($result.FailedBlocksCount) block(s) failed."
    }
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-Build ($Configuration ? $Configuration : 'Debug') }
        'Test' {
            Invoke-XunitTests ($Configuration ? $Configuration : 'Debug')
            Invoke-PesterTests
        }
        'Pester' { Invoke-PesterTests }
        'Package' { New-ModulePackage ($Configuration ? $Configuration : 'Release') }
    }
}
