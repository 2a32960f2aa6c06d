# Pester 5 specification of deployment/Invoke-ScheduledImport.ps1, run in real pwsh against the packaged module.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestEnvironment.psm1') -Force
    Add-PackageToModulePath
    Import-Module ArchiveImport -Force
    $script = Get-RepoPath 'deployment/Invoke-ScheduledImport.ps1'
    $fake = Start-FakeArchive
}

AfterAll {
    Stop-TestServer $fake
}

Describe 'Invoke-ScheduledImport' {
    BeforeEach {
        $testHome = New-TestHome $fake.Url
        Push-Location $testHome
    }
    AfterEach {
        Pop-Location
        Remove-TestHome $testHome
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
