#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the ArchiveImport module (for machines with pwsh).
.EXAMPLE
    ./build.ps1 -Task Build, Test
.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$moduleOutput = Join-Path $PSScriptRoot "src/ArchiveImport.PowerShell/bin/$Configuration/net10.0"

switch ($Task) {
    'Build' {
        dotnet build ArchiveImport.sln -c $Configuration
        if ($LASTEXITCODE) { throw "dotnet build failed ($LASTEXITCODE)." }
    }
    'Test' {
        dotnet test ArchiveImport.sln -c $Configuration
        if ($LASTEXITCODE) { throw "dotnet test failed ($LASTEXITCODE)." }
    }
    'Pester' {
        if (-not (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0')) {
            throw 'Pester 5 is required: Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser'
        }
        $env:ARCHIVEIMPORT_MODULE = Join-Path $moduleOutput 'ArchiveImport.psd1'
        $result = Invoke-Pester -Path (Join-Path $PSScriptRoot 'tests/Pester') -PassThru -Output Detailed
        if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed." }
    }
    'Package' {
        dotnet publish src/ArchiveImport.PowerShell -c $Configuration -o out/ArchiveImport
        if ($LASTEXITCODE) { throw "dotnet publish failed ($LASTEXITCODE)." }
        $manifest = Import-PowerShellDataFile out/ArchiveImport/ArchiveImport.psd1
        Compress-Archive -Path out/ArchiveImport -DestinationPath "out/ArchiveImport-$($manifest.ModuleVersion).zip" -Force
        "Packaged out/ArchiveImport-$($manifest.ModuleVersion).zip"
    }
}
