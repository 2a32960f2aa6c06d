# Every exported cmdlet as an operator uses it in real pwsh, on the embedded SQLite catalog, against the fake
# archive.org: main behaviour, pipeline binding by property name, -WhatIf, and the errors of common mistakes.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestEnvironment.psm1') -Force
    Add-PackageToModulePath
    Import-Module ArchiveImport -Force
    $fake = Start-FakeArchive
}

AfterAll {
    Stop-TestServer $fake
}

Describe 'The main job on SQLite' {
    BeforeAll {
        $testHome = New-TestHome $fake.Url
        Push-Location $testHome
        $downloads = @(Invoke-ArchiveDownload -Artist 'Grateful Dead')
        $populated = @($downloads | Invoke-ArchivePopulate)
    }
    AfterAll {
        Pop-Location
        Remove-TestHome $testHome
    }

    It 'Invoke-ArchiveDownload downloads each show''s metadata into the home folder and returns one result per show' {
        $downloads.Count | Should -Be 2
        $downloads | ForEach-Object { "$($_.Status)" } | Should -Be @('Downloaded', 'Downloaded')
        $downloads | ForEach-Object { $_.Path | Should -Exist }
        $downloads[0].Path | Should -BeLike "$testHome*"
    }

    It 'Invoke-ArchivePopulate binds the download results by property name and populates each show' {
        $populated.Count | Should -Be 2
        $populated.Identifier | Sort-Object | Should -Be ($downloads.Identifier | Sort-Object)
        $populated | ForEach-Object { "$($_.Status)" } | Should -Be @('Populated', 'Populated')
        ($populated | Measure-Object Tracks -Sum).Sum | Should -BeGreaterThan 20
    }

    It 'a second run changes nothing' {
        $again = @(Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate)
        $again | ForEach-Object { "$($_.Status)" } | Should -Be @('Unchanged', 'Unchanged')
    }

    It 'Get-ArchiveImportRun lists the runs, completed, with their counts' {
        $runs = @(Get-ArchiveImportRun -Artist 'Grateful Dead')
        $runs.Count | Should -BeGreaterOrEqual 2
        $runs | ForEach-Object { "$($_.Status)" } | Sort-Object -Unique | Should -Be 'completed'
        ($runs | Where-Object ShowsProcessed -eq 2).Count | Should -BeGreaterOrEqual 2
    }

    It 'Get-ArchiveImportRun binds -Id from a run object in the pipeline' {
        $run = Get-ArchiveImportRun -Artist 'Grateful Dead' | Select-Object -First 1
        ($run | Get-ArchiveImportRun).Id | Should -Be $run.Id
    }

    It 'Get-ArchiveHealth returns one result per check, all passing' {
        $health = @(Get-ArchiveHealth)
        $health.Count | Should -BeGreaterOrEqual 9
        $health | Where-Object { "$($_.Status)" -eq 'Fail' } | Should -BeNullOrEmpty
        (Get-ArchiveHealth -Check database).Id | Should -Be 'database'
    }

    It 'Get-ArchiveHealth -FailOnError makes a scheduled script exit non-zero' {
        Set-Content (Join-Path $testHome 'garbage.db') ('not a database ' * 100)
        # A scheduled script that must fail visibly stops at its first error ($ErrorActionPreference = 'Stop').
        $child = Invoke-ChildPwsh -WorkingDirectory $testHome -Script "`$ErrorActionPreference = 'Stop'; Get-ArchiveHealth -Database '$testHome/garbage.db' -FailOnError | Out-Null"
        $child.ExitCode | Should -Not -Be 0
        $child.Errors | Should -Match 'HealthCheckFailed|health check\(s\) failed'
        $healthy = Invoke-ChildPwsh -WorkingDirectory $testHome -Script '$ErrorActionPreference = ''Stop''; Get-ArchiveHealth -Check database -FailOnError | Out-Null'
        $healthy.ExitCode | Should -Be 0 -Because $healthy.Errors
    }

    It 'Get-ArchiveUnmatched lists unmatched titles, most frequent first, with a suggestion' {
        # archive.org retitles a track: the catalog keeps each show's body, so the change comes in by a new download.
        $fixtures = Join-Path $testHome 'edited-fixtures'
        Copy-Item (Get-RepoPath 'tests/fixtures/archive-org') $fixtures -Recurse
        $show = Join-Path $fixtures 'gd73-06-10.sbd.hollister.174.sbeok.shnf.json'
        Set-Content -Path $show -Value ((Get-Content $show -Raw) -replace 'Dark Star', 'Dark Stat') -NoNewline
        $edited = Start-FakeArchive -Fixtures $fixtures
        try {
            Invoke-ArchiveDownload -Artist 'Grateful Dead' -Identifier gd73-06-10.sbd.hollister.174.sbeok.shnf -Force -ArchiveUrl $edited.Url |
                Invoke-ArchivePopulate | Out-Null
        }
        finally {
            Stop-TestServer $edited
        }
        $unmatched = @(Get-ArchiveUnmatched -Artist 'Grateful Dead')
        $unmatched.TrackName | Should -Contain 'Dark Stat'
        ($unmatched | Where-Object TrackName -eq 'Dark Stat').SuggestedMatch | Should -Be 'Dark Star'
    }

    It 'Add-ArchiveTrackAlias takes unmatched titles from the pipeline and resolves them' {
        Get-ArchiveUnmatched -Artist 'Grateful Dead' | Where-Object TrackName -eq 'Dark Stat' |
            Add-ArchiveTrackAlias -Song 'Dark Star' -Populate | Out-Null
        Get-ArchiveUnmatched -Artist 'Grateful Dead' | Where-Object TrackName -eq 'Dark Stat' | Should -BeNullOrEmpty
        Get-Content (Join-Path $testHome 'config/artists/grateful-dead.yaml') -Raw | Should -Match 'dark stat'
    }

    It 'Get-ArchiveTrackMatch shows how raw titles match, splitting segues' {
        $match = Get-ArchiveTrackMatch -Artist 'Grateful Dead' -Title 'Dark Star > St. Stephen'
        $match.Songs | Should -Be 'Dark Star > Saint Stephen'
        $match.Segments.Song.Name | Should -Be @('Dark Star', 'Saint Stephen')
        "$($match.Method)" | Should -Be 'Exact'
    }

    It 'Get-ArchiveTrackMatch takes titles from the pipeline' {
        $matches = 'Scarlet Begonias', 'Fire On The Mountain' | Get-ArchiveTrackMatch -Artist 'Grateful Dead'
        @($matches).Count | Should -Be 2
    }

    It 'Measure-ArchiveMatching reports the benchmark steps' {
        $result = Measure-ArchiveMatching -Tracks 200 -CatalogSize 500
        $result | Should -Not -BeNullOrEmpty
    }

    It 'New-ArchiveArtistConfig writes a new artist config that the other cmdlets then know' {
        $config = New-ArchiveArtistConfig -Artist 'Phish' -Collection 'Phish'
        Join-Path $testHome 'config/artists' | Get-ChildItem -Filter '*.yaml' | Where-Object Name -like 'phish*' | Should -Not -BeNullOrEmpty
        (Get-ArchiveTrackMatch -Artist 'Phish' -Title 'Anything').Artist | Should -Be 'Phish'
    }

    It 'Update-ArchiveDatabase reports the schema as current' {
        { Update-ArchiveDatabase } | Should -Not -Throw
    }

    It 'Stop-ArchiveImport with nothing running stops nothing and says so' {
        @(Stop-ArchiveImport -Artist 'Grateful Dead').Count | Should -Be 0
    }
}

Describe '-WhatIf changes nothing' {
    BeforeEach {
        $testHome = New-TestHome $fake.Url
        Push-Location $testHome
    }
    AfterEach {
        Pop-Location
        Remove-TestHome $testHome
    }

    It 'Invoke-ArchiveDownload -WhatIf downloads nothing' {
        Invoke-ArchiveDownload -Artist 'Grateful Dead' -WhatIf | Should -BeNullOrEmpty
        Join-Path $testHome 'var/archivedotorg/metadata' | Should -Not -Exist
    }

    It 'Invoke-ArchivePopulate -WhatIf populates nothing' {
        Invoke-ArchiveDownload -Artist 'Grateful Dead' | Out-Null
        Invoke-ArchivePopulate -Artist 'Grateful Dead' -WhatIf | Should -BeNullOrEmpty
        Get-ArchiveImportRun -Artist 'Grateful Dead' | Where-Object Type -eq 'populate' | Should -BeNullOrEmpty
    }

    It 'Add-ArchiveTrackAlias -WhatIf leaves the artist config as it was' {
        $file = Join-Path $testHome 'config/artists/grateful-dead.yaml'
        $before = Get-FileHash $file
        Add-ArchiveTrackAlias -Artist 'Grateful Dead' -Song 'Dark Star' -Alias 'dork star' -WhatIf
        (Get-FileHash $file).Hash | Should -Be $before.Hash
    }

    It 'New-ArchiveArtistConfig -WhatIf writes no file' {
        New-ArchiveArtistConfig -Artist 'Phish' -Collection 'Phish' -WhatIf
        Get-ChildItem (Join-Path $testHome 'config/artists') -Filter 'phish*' | Should -BeNullOrEmpty
    }

    It 'Stop-ArchiveImport -WhatIf and Update-ArchiveDatabase -WhatIf change nothing' {
        { Stop-ArchiveImport -Artist 'Grateful Dead' -WhatIf } | Should -Not -Throw
        { Update-ArchiveDatabase -WhatIf } | Should -Not -Throw
    }
}

Describe 'Common mistakes give errors with stable ids and categories' {
    BeforeAll {
        $testHome = New-TestHome $fake.Url
        Push-Location $testHome
    }
    AfterAll {
        Pop-Location
        Remove-TestHome $testHome
    }

    It '<Command> for an unknown artist reports ArtistNotConfigured' -ForEach @(
        @{ Command = 'Invoke-ArchiveDownload' }
        @{ Command = 'Invoke-ArchivePopulate' }
        @{ Command = 'Get-ArchiveUnmatched' }
        @{ Command = 'Get-ArchiveImportRun' }
        @{ Command = 'Get-ArchiveTrackMatch' }
    ) {
        $arguments = @{ Artist = 'Nobody Band' }
        if ($Command -eq 'Get-ArchiveTrackMatch') { $arguments.Title = 'x' }
        $errorRecord = $null
        try { & $Command @arguments -ErrorAction Stop | Out-Null } catch { $errorRecord = $_ }
        $errorRecord | Should -Not -BeNullOrEmpty
        $errorRecord.FullyQualifiedErrorId | Should -BeLike 'ArtistNotConfigured,*'
        $errorRecord.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errorRecord.Exception.Message | Should -Match 'Nobody Band'
    }

    It 'an unreachable MySQL server is CatalogUnavailable, and the password is never shown' {
        $errorRecord = $null
        try { Get-ArchiveImportRun -Database 'Server=127.0.0.1;Port=1;Database=x;User ID=a;Password=Sekrit-Pw' -ErrorAction Stop }
        catch { $errorRecord = $_ }
        $errorRecord.FullyQualifiedErrorId | Should -BeLike 'CatalogUnavailable,*'
        $errorRecord.CategoryInfo.Category | Should -Be 'ConnectionError'
        $errorRecord | Out-String | Should -Not -Match 'Sekrit-Pw'
    }

    It 'a parameter out of range is refused before anything runs' {
        { Invoke-ArchiveDownload -Artist 'Grateful Dead' -ThrottleLimit 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,ArchiveImport.PowerShell.Commands.InvokeArchiveDownloadCommand'
    }

    It 'a show that cannot be downloaded is a per-show error and the run goes on' {
        $errors = $null
        $results = Invoke-ArchiveDownload -Artist 'Grateful Dead' -Identifier '../../etc/passwd', 'gd73-06-10.sbd.hollister.174.sbeok.shnf' -ErrorAction SilentlyContinue -ErrorVariable errors
        ($results | Where-Object { "$($_.Status)" -eq 'Downloaded' }).Identifier | Should -Be 'gd73-06-10.sbd.hollister.174.sbeok.shnf'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'DownloadShowFailed,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$($errors[0].TargetObject)" | Should -Be '../../etc/passwd'
        Join-Path $testHome 'var/archivedotorg/etc' | Should -Not -Exist
    }

    It 'a second download of an artist already being downloaded fails at once, naming the holder' {
        $slow = Start-TestServer 'ArchiveImport.FakeArchive' @('--port', '0', '--ignore-stdin', '--latency-ms', '1500') 'Listening on (http://\S+)'
        try {
            $job = Start-ThreadJob -ArgumentList $testHome, $slow.Match[1] -ScriptBlock {
                param($testHome, $url)
                Set-Location $testHome
                Invoke-ArchiveDownload -Artist 'Grateful Dead' -ArchiveUrl $url -ThrottleLimit 1 -Force
            }
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not (Get-ArchiveImportRun -Artist 'Grateful Dead' | Where-Object { "$($_.Status)" -eq 'running' }) -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 100
            }
            $errorRecord = $null
            try { Invoke-ArchiveDownload -Artist 'Grateful Dead' -ErrorAction Stop } catch { $errorRecord = $_ }
            $errorRecord.FullyQualifiedErrorId | Should -BeLike 'ImportAlreadyRunning,*'
            $errorRecord.CategoryInfo.Category | Should -Be 'ResourceBusy'
            $errorRecord.Exception.Message | Should -Match "pid $PID"
            $job | Wait-Job -Timeout 60 | Receive-Job | Out-Null
        }
        finally {
            $job | Remove-Job -Force -ErrorAction Ignore
            Stop-TestServer $slow
        }
    }
}

Describe 'A pipeline that stops early leaves nothing behind' {
    BeforeEach {
        $testHome = New-TestHome $fake.Url
        Push-Location $testHome
    }
    AfterEach {
        Pop-Location
        Remove-TestHome $testHome
    }

    It 'Select-Object -First 1 ends the download run and frees its lock for the next download' {
        $first = Invoke-ArchiveDownload -Artist 'Grateful Dead' -ThrottleLimit 1 | Select-Object -First 1
        $first | Should -Not -BeNullOrEmpty
        $run = Get-ArchiveImportRun -Id $first.RunId
        "$($run.Status)" | Should -BeIn @('cancelled', 'completed')
        $second = @(Invoke-ArchiveDownload -Artist 'Grateful Dead' -ErrorAction Stop)
        $second.Count | Should -Be 2
    }

    It 'Select-Object -First 1 after populate ends the populate run too' {
        Invoke-ArchiveDownload -Artist 'Grateful Dead' | Out-Null
        $first = Invoke-ArchivePopulate -Artist 'Grateful Dead' | Select-Object -First 1
        "$((Get-ArchiveImportRun -Id $first.RunId).Status)" | Should -BeIn @('cancelled', 'completed')
        @(Invoke-ArchivePopulate -Artist 'Grateful Dead' -ErrorAction Stop).Count | Should -Be 2
    }
}

Describe 'Times are UTC wherever the operator is' {
    It 'shows a run that just started as seconds old in America/New_York, and exports it with a Z' {
        $testHome = New-TestHome $fake.Url
        try {
            $child = Invoke-ChildPwsh -WorkingDirectory $testHome -Environment @{ TZ = 'America/New_York' } -Script @'
$run = Invoke-ArchiveDownload -Artist 'Grateful Dead' -Limit 1 | ForEach-Object { Get-ArchiveImportRun -Id $_.RunId }
"kind=$($run.StartedAt.Kind)"
"age=$([int]([DateTime]::UtcNow - $run.StartedAt).TotalMinutes)"
$run | ConvertTo-Json -Compress
'@
            $child.ExitCode | Should -Be 0 -Because $child.Errors
            $child.Output | Should -Match 'kind=Utc'
            $child.Output | Should -Match 'age=0\b'
            $child.Output | Should -Match '"StartedAt":"[0-9T:.-]+Z"'
        }
        finally { Remove-TestHome $testHome }
    }
}

Describe 'Get-ArchiveAliasSuggestion curates a collection''s unmatched titles' {
    BeforeAll {
        # Two titles of one show retitled on the fake archive.org: a misspelling and a name without its last word.
        $fixtures = Join-Path ([IO.Path]::GetTempPath()) ('aipester-fixtures-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
        Copy-Item (Get-RepoPath 'tests/fixtures/archive-org') $fixtures -Recurse
        $show = Join-Path $fixtures 'gd73-06-10.sbd.hollister.174.sbeok.shnf.json'
        Set-Content -Path $show -Value ((Get-Content $show -Raw) -replace 'Dark Star', 'Dark Stat' -replace '"Stella Blue"', '"Stella"') -NoNewline
        $edited = Start-FakeArchive -Fixtures $fixtures
        $testHome = New-TestHome $edited.Url
        Push-Location $testHome
        Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate | Out-Null
        $config = Join-Path $testHome 'config/artists/grateful-dead.yaml'
    }
    AfterAll {
        Pop-Location
        Remove-TestHome $testHome
        Stop-TestServer $edited
        Remove-Item $fixtures -Recurse -Force
    }

    It 'proposes a song for each unmatched title, with its kind and the evidence' {
        $suggestions = @(Get-ArchiveAliasSuggestion -Artist 'Grateful Dead')
        $suggestions.Alias | Sort-Object | Should -Be @('dark stat', 'stella')
        $stat = $suggestions | Where-Object Alias -eq 'dark stat'
        ($stat.Song, "$($stat.Kind)", $stat.Occurrences) | Should -Be @('dark-star', 'Misspelling', 1)
        "$(($suggestions | Where-Object Alias -eq 'stella').Kind)" | Should -Be 'TrailingWordsDropped'
        $suggestions.Reason | ForEach-Object { $_ | Should -Not -BeNullOrEmpty }
    }

    It 'shows them grouped by kind in 80 columns' {
        $lines = Get-ArchiveAliasSuggestion -Artist 'Grateful Dead' | Out-String -Width 80 -Stream
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'Suggestions: Grateful Dead: Misspelling'
    }

    It 'pipes into Add-ArchiveTrackAlias -WhatIf, which changes nothing' {
        $before = (Get-FileHash $config).Hash
        Get-ArchiveAliasSuggestion -Artist 'Grateful Dead' | Add-ArchiveTrackAlias -WhatIf
        (Get-FileHash $config).Hash | Should -Be $before
        @(Get-ArchiveUnmatched -Artist 'Grateful Dead').Count | Should -Be 2
    }

    It 'pipes into Add-ArchiveTrackAlias -Populate, after which the titles match' {
        $added = @(Get-ArchiveAliasSuggestion -Artist 'Grateful Dead' | Add-ArchiveTrackAlias -Populate)
        ($added | Where-Object Alias).Alias | Sort-Object | Should -Be @('dark stat', 'stella')
        Get-ArchiveUnmatched -Artist 'Grateful Dead' | Should -BeNullOrEmpty
        (Get-ArchiveTrackMatch -Artist 'Grateful Dead' -Title 'Stella').Songs | Should -Be 'Stella Blue'
    }
}
