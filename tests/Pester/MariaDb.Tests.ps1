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

    It 'two workers in parallel, each with a home of its own, share an artist list: every artist once, with the right totals' {
        $homes = 1..2 | ForEach-Object { New-TestHome $fake.Url $mariaDb.ConnectionString }
        try {
            $artists = 'Grateful Dead', 'Yonder Mountain String Band', 'Lettuce', 'String Cheese Incident'
            $before = @(Get-ArchiveImportRun -Artist 'Grateful Dead').Count
            $results = @($homes | ForEach-Object -ThrottleLimit 2 -Parallel {
                Import-Module ArchiveImport
                Invoke-ArchiveImportWorker -Artist $using:artists -Round pester-1 -HomePath $_ -WorkerName (Split-Path $_ -Leaf)
            })

            $results | ForEach-Object { $_.GetType().FullName } | Sort-Object -Unique | Should -Be 'ArchiveImport.Core.Imports.WorkerResult'
            $results.Artist | Sort-Object | Should -Be ($artists | Sort-Object)
            $results | ForEach-Object { "$($_.Outcome)" } | Sort-Object -Unique | Should -Be 'Completed'
            $ymsb = $results | Where-Object Artist -eq 'Yonder Mountain String Band'
            $ymsb.Shows, $ymsb.Populated, $ymsb.Failed | Should -Be @(1, 1, 0)
            $ymsb.Tracks | Should -BeGreaterThan 0
            # Grateful Dead was populated above: downloaded and populated again, nothing changed.
            $dead = $results | Where-Object Artist -eq 'Grateful Dead'
            $dead.Shows, $dead.Populated, $dead.Tracks | Should -Be @(2, 2, 0)
            @(Get-ArchiveImportRun -Artist 'Grateful Dead').Count | Should -Be ($before + 2)
            @(Get-ArchiveImportRun -Artist 'Yonder Mountain String Band').Count | Should -Be 2

            $results | Out-String -Width 80 | Should -Match 'Artist\s+Outcome\s+Shows\s+Populated\s+Tracks\s+Failed\s+Worker'
            ($results | Out-String -Width 80) -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }

            # The round is finished: a worker started again with it finds nothing left.
            @(Invoke-ArchiveImportWorker -Artist $artists -Round pester-1 -HomePath $homes[0]).Count | Should -Be 0
        }
        finally {
            $homes | ForEach-Object { Remove-TestHome $_ }
        }
    }

    It 'passes every health check' {
        Get-ArchiveHealth | Where-Object { "$($_.Status)" -eq 'Fail' } | Should -BeNullOrEmpty
        (Get-ArchiveHealth -Check database).Target | Should -Not -Match 'Password'
    }
}
