# The operator log in real pwsh against the packaged module: Serilog and its file sink load from the module's deps/.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestEnvironment.psm1') -Force
    Add-PackageToModulePath
    Import-Module ArchiveImport -Force
    $fake = Start-FakeArchive
}

AfterAll {
    Stop-TestServer $fake
}

Describe 'Get-ArchiveLog' {
    BeforeAll {
        $testHome = New-TestHome $fake.Url
        Push-Location $testHome
        $downloads = @(Invoke-ArchiveDownload -Artist 'Grateful Dead')
        $runId = $downloads[0].RunId
    }
    AfterAll {
        Pop-Location
        Remove-TestHome $testHome
    }

    It 'returns the run''s start and its end, typed, from var/log' {
        $entries = @(Get-ArchiveLog -RunId $runId)
        $entries[0].GetType().FullName | Should -Be 'ArchiveImport.Core.Logging.ArchiveLogEntry'
        $entries[0].Message | Should -BeLike "Run $runId started: download of Grateful Dead*"
        $entries[-1].Message | Should -BeLike "Run $runId ended completed after * s: $($downloads.Count) shows (0 failed)*"
        $entries.Artist | Sort-Object -Unique | Should -Be 'Grateful Dead'
        Join-Path $testHome 'var/log' | Get-ChildItem -Filter 'archiveimport-*.json' | Should -HaveCount 1
    }

    It 'filters by level and keeps the last entries; the default view fits 80 columns' {
        Get-ArchiveLog -Level Error | Should -BeNullOrEmpty
        (Get-ArchiveLog -Last 1).Message | Should -BeLike "Run $runId ended completed*"
        $lines = (Get-ArchiveLog -RunId $runId | Out-String -Width 80) -split "`n"
        $lines | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        $lines -match '^Time \(UTC\)\s+Lvl\s+Run\s+Message' | Should -Not -BeNullOrEmpty
    }

    It 'names the log-errors check in Get-ArchiveHealth, passing on a clean log' {
        (Get-ArchiveHealth -Check log-errors).Status | Should -Be 'Pass'
    }

    It 'Remove-ArchiveLog -WhatIf keeps an old day''s file, and without it removes only that one' {
        $folder = Join-Path $testHome 'var/log'
        $old = Join-Path $folder ('archiveimport-{0:yyyyMMdd}.json' -f (Get-Date).AddDays(-40))
        Set-Content -Path $old -Value '{}'
        (Remove-ArchiveLog -OlderThan 30 -WhatIf).Removed | Should -Be 0
        $old | Should -Exist
        $removal = Remove-ArchiveLog -OlderThan 30 -Confirm:$false
        $removal.Removed | Should -Be 1
        $old | Should -Not -Exist
        Get-ChildItem $folder -Filter 'archiveimport-*.json' | Should -HaveCount 1
    }
}
