# Daily metrics and the dashboard as an operator uses them in real pwsh, on SQLite and on a private MariaDB.
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

Describe 'Daily metrics and the dashboard on <Engine>' -ForEach @(
    @{ Engine = 'SQLite' }
    @{ Engine = 'MariaDB' }
) {
    BeforeAll {
        $testHome = Enter-TestHome $fake.Url $(if ($Engine -eq 'MariaDB') { $mariaDb.ConnectionString })
        Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate | Out-Null
    }
    AfterAll {
        Exit-TestHome $testHome
    }

    It 'Update-ArchiveDailyMetric twice gives identical rows' {
        $first = @(Update-ArchiveDailyMetric | Select-Object -ExcludeProperty RecomputedAt -Property *)
        $second = @(Update-ArchiveDailyMetric | Select-Object -ExcludeProperty RecomputedAt -Property *)
        $first.Count | Should -Be 1
        $first[0].RunsCompleted | Should -Be 2
        $first[0].CatalogShows | Should -Be 2
        ($second | ConvertTo-Json -Compress) | Should -Be ($first | ConvertTo-Json -Compress)
    }

    It 'Get-ArchiveDailyMetric filters by artist and by days' {
        @(Get-ArchiveDailyMetric -Artist 'Grateful Dead').Count | Should -Be 1
        @(Get-ArchiveDailyMetric -From (Get-Date).AddDays(-9) -To (Get-Date).AddDays(-2)).Count | Should -Be 0
        Get-ArchiveDailyMetric -Artist 'Nobody' -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ArtistNotConfigured*'
    }

    It 'the default view of a metric fits 80 columns' {
        $lines = Get-ArchiveDailyMetric | Out-String -Width 80 -Stream
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'Grateful Dead'
    }

    It 'Export-ArchiveDashboard writes one file with nothing to fetch over the network' {
        $report = Export-ArchiveDashboard -Path (Join-Path $testHome 'report.html')
        $report.Path | Should -Exist
        $html = Get-Content -Raw $report.Path
        $html | Should -Match 'data-chart="imports-per-day"'
        $html | Should -Not -Match 'https?:'
        $html | Should -Not -Match '<script'
        $html | Should -Not -Match '<link'
        ($report | Out-String -Width 80 -Stream | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'Export-ArchiveDashboard -WhatIf writes nothing' {
        Export-ArchiveDashboard -Path (Join-Path $testHome 'whatif.html') -WhatIf
        Join-Path $testHome 'whatif.html' | Should -Not -Exist
    }
}
