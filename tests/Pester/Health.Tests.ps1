# Issue 8's health checks of runs, processes and disks, in real pwsh against the packaged module, after a real
# download and populate, on the embedded SQLite catalog and on a private MariaDB.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestEnvironment.psm1') -Force
    Add-PackageToModulePath
    Import-Module ArchiveImport -Force
    $fake = Start-FakeArchive
    $mariaDb = Start-TestMariaDb
}

AfterAll {
    Stop-TestServer $mariaDb
    Stop-TestServer $fake
}

Describe 'Health of runs, processes and disks on <Engine>' -ForEach @(
    @{ Engine = 'SQLite' }
    @{ Engine = 'MySQL' }
) {
    BeforeAll {
        $database = if ($Engine -eq 'MySQL') { $mariaDb.ConnectionString } else { $null }
        $testHome = Enter-TestHome $fake.Url $database
        Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate | Out-Null
        $checks = @(Get-ArchiveHealth -Check import-success-rate, scheduled-import, database-disk, import-processes)
    }
    AfterAll {
        Exit-TestHome $testHome
    }

    It 'returns one passing result per check, in the registry''s order' {
        $checks.Id | Should -Be @('import-processes', 'scheduled-import', 'import-success-rate', 'database-disk')
        $checks | ForEach-Object { $_.Status | Should -Be 'Pass' -Because $_.Message }
        $checks | ForEach-Object { $_.Duration | Should -BeGreaterThan ([timespan]::Zero) }
    }

    It 'counts the download and the populate that just ended' {
        $rate = $checks | Where-Object Id -eq 'import-success-rate'
        $rate.Value | Should -Be '100'
        $rate.Message | Should -BeLike '*(2 completed, 0 failed)*'
        ($checks | Where-Object Id -eq 'scheduled-import').Threshold | Should -Be '24'
    }

    It 'says how large the catalog is and how much room its disk has left' {
        $disk = $checks | Where-Object Id -eq 'database-disk'
        $disk.Message | Should -BeLike '*The catalog (*) takes * MB; * MB is free on its disk.'
        [long]$disk.Value | Should -BeGreaterThan 1024
    }

    It 'shows the new checks in the default table view within 80 columns' {
        $lines = $checks | Format-Table | Out-String -Width 80 -Stream
        $lines | Where-Object { $_ -match 'database-disk' } | Should -Not -BeNullOrEmpty
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }
}
