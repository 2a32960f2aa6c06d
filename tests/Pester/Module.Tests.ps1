# The packaged module as an operator gets it: what the package holds, how it loads (autoload, a folder repository,
# beside other versions of its dependencies), its help and its tab completion. Runs in real pwsh against out/ArchiveImport.
BeforeDiscovery {
    $manifest = Import-PowerShellDataFile (Join-Path $env:ARCHIVEIMPORT_PACKAGE 'ArchiveImport.psd1')
    $script:cmdlets = $manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestEnvironment.psm1') -Force
    $package = Get-TestPackage
    $manifestPath = Join-Path $package 'ArchiveImport.psd1'
    $manifest = Import-PowerShellDataFile $manifestPath
    Add-PackageToModulePath
    Import-Module ArchiveImport -Force
    $fake = Start-FakeArchive
}

AfterAll {
    Stop-TestServer $fake
}

Describe 'The package' {
    It 'holds the manifest, the cmdlets, the views and the help at the top, and everything else under deps/' {
        $top = Get-ChildItem $package -File | Select-Object -ExpandProperty Name
        $top | Should -Be @('ArchiveImport.format.ps1xml', 'ArchiveImport.PowerShell.dll', 'ArchiveImport.psd1') -Because 'the default load context must not find Core or its dependencies'
        Join-Path $package 'en-US/ArchiveImport.PowerShell.dll-Help.xml' | Should -Exist
        Join-Path $package 'en-US/about_ArchiveImport.help.txt' | Should -Exist
        foreach ($name in 'ArchiveImport.Core', 'YamlDotNet', 'Dapper', 'MySqlConnector', 'Microsoft.Data.Sqlite', 'Polly.Core', 'FluentMigrator') {
            Join-Path $package "deps/$name.dll" | Should -Exist
        }
    }

    It 'ships no engine assembly, no symbols and no Debug build' {
        Get-ChildItem $package -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
        Get-ChildItem $package -Recurse -Filter '*.pdb' | Should -BeNullOrEmpty
        $attributes = [Reflection.Assembly]::LoadFile((Join-Path $package 'deps/ArchiveImport.Core.dll')).GetCustomAttributes([Diagnostics.DebuggableAttribute], $false)
        $attributes | Where-Object IsJITOptimizerDisabled | Should -BeNullOrEmpty -Because 'a Release build lets the JIT optimise'
    }

    It 'carries native SQLite for exactly linux-x64, linux-arm64, osx-x64, osx-arm64 and win-x64' {
        (Get-ChildItem (Join-Path $package 'deps/runtimes') -Directory).Name | Sort-Object |
            Should -Be @('linux-arm64', 'linux-x64', 'osx-arm64', 'osx-x64', 'win-x64')
        Join-Path $package 'deps/runtimes/linux-x64/native/libe_sqlite3.so' | Should -Exist
        Join-Path $package 'deps/runtimes/win-x64/native/e_sqlite3.dll' | Should -Exist
        Join-Path $package 'deps/runtimes/osx-arm64/native/libe_sqlite3.dylib' | Should -Exist
    }

    It 'has a manifest with explicit exports, the project and licence addresses and release notes' {
        Test-ModuleManifest $manifestPath | Should -Not -BeNullOrEmpty
        $manifest.CmdletsToExport | Should -Not -Contain '*'
        $manifest.ModuleVersion | Should -Match '^\d+\.\d+\.\d+$'
        $manifest.PrivateData.PSData.ProjectUri | Should -Match '^https://'
        $manifest.PrivateData.PSData.LicenseUri | Should -Match '^https://'
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'exports exactly the cmdlets its manifest names' {
        (Get-Command -Module ArchiveImport).Name | Sort-Object | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }
}

Describe 'Loading' {
    BeforeEach { $testHome = New-TestHome $fake.Url }
    AfterEach { Remove-TestHome $testHome }

    It 'autoloads from PSModulePath on first use of a cmdlet, without Import-Module' {
        $child = Invoke-ChildPwsh -WorkingDirectory $testHome -Script @'
(Get-Module ArchiveImport) -eq $null
$result = Get-ArchiveTrackMatch -Artist 'Grateful Dead' -Title 'Dark Star'
"$($result.Method)|$((Get-Module ArchiveImport).Name)"
'@
        $child.ExitCode | Should -Be 0 -Because $child.Errors
        $child.Output | Should -Match 'True'
        $child.Output | Should -Match 'Exact\|ArchiveImport'
    }

    It 'runs SQLite commands in a fresh pwsh (the native library resolves through the module''s load context)' {
        $child = Invoke-ChildPwsh -WorkingDirectory $testHome -Script @'
Invoke-ArchiveDownload -Artist 'Grateful Dead' -Limit 1 | Invoke-ArchivePopulate | ForEach-Object { "$($_.Status)" }
'@
        $child.ExitCode | Should -Be 0 -Because $child.Errors
        $child.Output.Trim() | Should -Be 'Populated'
    }

    It 'works when other versions of YamlDotNet, Dapper and MySqlConnector were loaded first' {
        $nuget = $env:ARCHIVEIMPORT_NUGET_PACKAGES
        $child = Invoke-ChildPwsh -WorkingDirectory $testHome -Script @"
Add-Type -Path '$nuget/yamldotnet/16.3.0/lib/net8.0/YamlDotNet.dll'
Add-Type -Path '$nuget/dapper/2.0.123/lib/net5.0/Dapper.dll'
Add-Type -Path '$nuget/mysqlconnector/2.4.0/lib/net8.0/MySqlConnector.dll'
(Get-ArchiveTrackMatch -Artist 'Grateful Dead' -Title 'Dark Star > St. Stephen').Segments.Song.Name -join ','
Invoke-ArchiveDownload -Artist 'Grateful Dead' -Limit 1 | Invoke-ArchivePopulate | ForEach-Object { "`$(`$_.Status)" }
Get-ArchiveHealth -Database 'Server=127.0.0.1;Port=1;Database=x;User ID=a;Password=pw' -Check database | ForEach-Object { "`$(`$_.Status)" }
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' } |
    ForEach-Object { '{0}={1}' -f `$_.GetName().Version.Major, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name } | Sort-Object
"@
        $child.ExitCode | Should -Be 0 -Because $child.Errors
        $lines = $child.Output -split "`r?`n" | Where-Object { $_ }
        $lines[0] | Should -Be 'Dark Star,Saint Stephen'
        $lines[1] | Should -Be 'Populated'
        $lines[2] | Should -Be 'Fail' -Because 'MySqlConnector 2.6 from deps/ reports the unreachable server, not a type load failure'
        $lines | Should -Contain '16=Default'
        $lines | Should -Contain '18=ArchiveImport'
    }

    It 'installs with Install-PSResource from a local folder repository and runs' {
        $isolated = Join-Path $testHome 'user'
        $repository = Split-Path $package -Parent
        $child = Invoke-ChildPwsh -WorkingDirectory $testHome -Environment @{ HOME = $isolated; XDG_DATA_HOME = "$isolated/.local/share"; PSModulePath = '' } -Script @"
Register-PSResourceRepository -Name ArchiveImportLocal -Uri '$repository' -Trusted
Install-PSResource -Name ArchiveImport -Repository ArchiveImportLocal -Scope CurrentUser -TrustRepository -Quiet
`$installed = Get-InstalledPSResource -Name ArchiveImport
"`$(`$installed.Name) `$(`$installed.Version)"
(Get-ArchiveTrackMatch -Artist 'Grateful Dead' -Title 'Scarlet Begonias').Method
"@
        $child.ExitCode | Should -Be 0 -Because $child.Errors
        $child.Output | Should -Match "ArchiveImport $([regex]::Escape($manifest.ModuleVersion))"
        $child.Output | Should -Match 'Exact'
    }
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
        $common = [Management.Automation.PSCmdlet]::CommonParameters + [Management.Automation.PSCmdlet]::OptionalCommonParameters
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\S+ \[' -Because 'the synopsis is written, not the generated syntax'
        ($help.Description.Text -join ' ').Length | Should -BeGreaterThan 40
    }

    It 'describes every parameter' {
        # Hidden parameters (DontShow: bound from the pipeline only) are not part of the documented surface.
        $shown = $command.Parameters.Values | Where-Object { -not ($_.Attributes | Where-Object { $_ -is [Parameter] -and $_.DontShow }) }
        foreach ($parameter in $shown.Name | Where-Object { $_ -notin $common }) {
            $described = $help.Parameters.Parameter | Where-Object Name -eq $parameter
            ($described.Description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'has examples that parse' {
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        foreach ($example in $help.Examples.Example) {
            $errors = $null
            [Management.Automation.Language.Parser]::ParseInput($example.Code, [ref] $null, [ref] $errors) | Out-Null
            $errors | Should -BeNullOrEmpty -Because $example.Code
        }
    }
}

Describe 'Tab completion' {
    BeforeAll {
        $testHome = New-TestHome $fake.Url
        Push-Location $testHome
        function Complete([string] $line) { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches }
    }
    AfterAll {
        Pop-Location
        Remove-TestHome $testHome
    }

    It 'completes artist names, quoting those with spaces' {
        (Complete 'Invoke-ArchiveDownload -Artist Gra').CompletionText | Should -Be @("'Grateful Dead'")
        (Complete 'Get-ArchiveUnmatched -Artist Let').CompletionText | Should -Be @('Lettuce')
    }

    It 'completes every configured artist for an empty word, in the session''s location' {
        (Complete 'Get-ArchiveImportRun -Artist ').ListItemText | Should -Be @('Grateful Dead', 'Lettuce', 'String Cheese Incident', 'Yonder Mountain String Band')
    }

    It 'completes parameter names' {
        (Complete 'Invoke-ArchiveDownload -Thr').CompletionText | Should -Contain '-ThrottleLimit'
    }

    It 'does not offer an artist whose config is broken' {
        Set-Content (Join-Path $testHome 'config/artists/broken.yaml') "name: Broken Band`ncollection: [unclosed"
        try {
            (Complete 'Invoke-ArchiveDownload -Artist Bro').CompletionText | Should -BeNullOrEmpty
            (Complete 'Invoke-ArchiveDownload -Artist Gra').CompletionText | Should -Be @("'Grateful Dead'")
        }
        finally {
            Remove-Item (Join-Path $testHome 'config/artists/broken.yaml')
        }
    }
}
