# Pester 5 specification of deployment/Invoke-ScheduledImport.ps1, for machines with pwsh and Pester
# (./build.ps1 -Task Pester). The same behaviour is checked in-process by the xUnit test DeploymentScriptTests.
BeforeAll {
    $module = $env:ARCHIVEIMPORT_MODULE
    if (-not $module) { throw 'Set ARCHIVEIMPORT_MODULE to the built ArchiveImport.psd1 (build.ps1 -Task Pester does).' }
    Import-Module $module -Force
    $script = Join-Path $PSScriptRoot '../../deployment/Invoke-ScheduledImport.ps1'
    $repo = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $fake = Start-Process dotnet -ArgumentList @('run', '--project', "$repo/tests/ArchiveImport.FakeArchive", '--', '--port', '18085', '--ignore-stdin') -PassThru
    Start-Sleep -Seconds 8
}

AfterAll {
    if ($fake) { Stop-Process -Id $fake.Id -Force -ErrorAction SilentlyContinue }
}

Describe 'Invoke-ScheduledImport' {
    BeforeEach {
        $testHome = Join-Path ([IO.Path]::GetTempPath()) ("aipester-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path "$testHome/config/artists" | Out-Null
        Copy-Item "$repo/config/artists/*.yaml" "$testHome/config/artists"
        Set-Content "$testHome/config/archiveimport.yaml" "archiveUrl: http://127.0.0.1:18085`nretryBaseDelaySeconds: 0.02"
        Push-Location $testHome
    }
    AfterEach {
        Pop-Location
        Remove-Item $testHome -Recurse -Force
    }

    It 'imports each artist and reports one summary per artist' {
        $result = & $script -Artist 'Grateful Dead' -SkipHealthCheck
        $result.Artist | Should -Be 'Grateful Dead'
        $result.Downloaded | Should -Be 2
        $result.Populated | Should -Be 2
        $result.Errors | Should -Be 0
    }

    It 'is idempotent: a second run downloads and populates nothing' {
        & $script -Artist 'Grateful Dead' -SkipHealthCheck | Out-Null
        $second = & $script -Artist 'Grateful Dead' -SkipHealthCheck
        $second.Unchanged | Should -Be 2
        $second.Populated | Should -Be 0
    }

    It 'throws, naming the artist, when an artist cannot be imported, after importing the others' {
        { & $script -Artist 'Nobody Band', 'Grateful Dead' -SkipHealthCheck } | Should -Throw '*Nobody Band*'
        (Get-ArchiveImportRun -Artist 'Grateful Dead').Count | Should -Be 2
    }

    It 'changes nothing with -WhatIf' {
        & $script -Artist 'Grateful Dead' -WhatIf | Out-Null
        Test-Path "$testHome/var/archivedotorg/metadata" | Should -BeFalse
    }
}
