# The production set-up: a MariaDB catalog (a private mariadbd the suite starts and always stops), in real pwsh.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestEnvironment.psm1') -Force
    Add-PackageToModulePath
    Import-Module ArchiveImport -Force
    $fake = Start-FakeArchive
    $mariaDb = Start-TestMariaDb
    $testHome = New-TestHome $fake.Url $mariaDb.ConnectionString
    Push-Location $testHome
}

AfterAll {
    Pop-Location
    Remove-TestHome $testHome
    Stop-TestServer $mariaDb
    Stop-TestServer $fake
}

Describe 'A MariaDB catalog' {
    It 'refuses an unmigrated schema, naming Update-ArchiveDatabase' {
        { Invoke-ArchiveDownload -Artist 'Grateful Dead' -ErrorAction Stop } | Should -Throw -ExpectedMessage '*Update-ArchiveDatabase*'
    }

    It 'Update-ArchiveDatabase -WhatIf shows the migrations and applies none; without it, applies them' {
        Update-ArchiveDatabase -WhatIf
        { Get-ArchiveImportRun -ErrorAction Stop } | Should -Throw -ExpectedMessage '*Update-ArchiveDatabase*'
        Update-ArchiveDatabase -Confirm:$false
        { Get-ArchiveImportRun -ErrorAction Stop } | Should -Not -Throw
    }

    It 'runs download, populate and unmatched through the pipeline' {
        $populated = @(Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate)
        $populated | ForEach-Object { "$($_.Status)" } | Should -Be @('Populated', 'Populated')
        ($populated | Measure-Object Tracks -Sum).Sum | Should -BeGreaterThan 20
        { Get-ArchiveUnmatched -Artist 'Grateful Dead' -ErrorAction Stop } | Should -Not -Throw
    }

    It 'records both runs as completed, on this host' {
        $runs = @(Get-ArchiveImportRun -Artist 'Grateful Dead')
        $runs.Count | Should -Be 2
        $runs | ForEach-Object { "$($_.Status)" } | Sort-Object -Unique | Should -Be 'completed'
        $runs.Host | Sort-Object -Unique | Should -Be ([Net.Dns]::GetHostName())
        $runs | ForEach-Object { $_.StartedAt.Kind | Should -Be 'Utc' }
    }

    It 'passes every health check' {
        Get-ArchiveHealth | Where-Object { "$($_.Status)" -eq 'Fail' } | Should -BeNullOrEmpty
        (Get-ArchiveHealth -Check database).Target | Should -Not -Match 'Password'
    }
}
