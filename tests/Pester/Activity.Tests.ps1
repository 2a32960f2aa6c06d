# The activity log in real pwsh against the packaged module, on the embedded SQLite catalog and on a private MariaDB:
# a state-changing command leaves one row with who, where and how long; a script's own step round-trips.
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

Describe 'Activity on <Engine>' -ForEach @(
    @{ Engine = 'SQLite' }
    @{ Engine = 'MySQL' }
) {
    BeforeAll {
        $database = if ($Engine -eq 'MySQL') { $mariaDb.ConnectionString } else { $null }
        $testHome = Enter-TestHome $fake.Url $database
        Invoke-ArchiveDownload -Artist 'Grateful Dead' | Out-Null
    }
    AfterAll {
        Exit-TestHome $testHome
    }

    It 'shows the download with its user, host, target, outcome and duration' {
        $row = Get-ArchiveActivity -Command Invoke-ArchiveDownload
        @($row).Count | Should -Be 1
        $row.User | Should -Be ([Environment]::UserName)
        $row.Host | Should -Be ([Environment]::MachineName)
        $row.Target | Should -Be 'Grateful Dead'
        $row.Artist | Should -Be 'Grateful Dead'
        $row.Outcome | Should -Be 'Succeeded'
        $row.Duration | Should -BeOfType [timespan]
        $row.Time.Kind | Should -Be 'Utc'
    }

    It 'writes nothing for -WhatIf' {
        Enable-ArchiveMaintenance 'test' -WhatIf
        Get-ArchiveActivity -Command Enable-ArchiveMaintenance | Should -BeNullOrEmpty
    }

    It 'Write-ArchiveActivity -PassThru returns the row Get-ArchiveActivity reads back' {
        $written = Write-ArchiveActivity deploy-phase-2 'db01' -Outcome Started -Duration ([timespan]::FromSeconds(90)) -Message 'schema 6' -Artist 'Grateful Dead' -PassThru
        $read = Get-ArchiveActivity -Last 1
        $read.Id | Should -Be $written.Id
        $read.Command | Should -Be 'deploy-phase-2'
        $read.Target | Should -Be 'db01'
        $read.Outcome | Should -Be 'Started'
        $read.Duration | Should -Be ([timespan]::FromSeconds(90))
        $read.Level | Should -Be 'info'
        $read.User | Should -Be ([Environment]::UserName)
        (Get-ArchiveActivity -Command deploy-phase-2).Count | Should -Be 1
        (Get-ArchiveActivity -Command Write-ArchiveActivity) | Should -BeNullOrEmpty
    }

    It 'renders its default view in 80 columns' {
        $lines = (Get-ArchiveActivity | Out-String -Width 80) -split "`n"
        $lines | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        $lines -match '^Time \(UTC\)\s+User\s+Command\s+Target\s+Outcome\s+Secs' | Should -Not -BeNullOrEmpty
        ($lines -match 'Invoke-ArchiveDownload') | Should -Not -BeNullOrEmpty
    }

    It 'completes -Artist names' {
        $line = "Get-ArchiveActivity -Artist Grat"
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain "'Grateful Dead'"
    }
}
