# Browsing the catalog in real pwsh against the packaged module: download and populate from the fake archive.org (its
# recorded Grateful Dead items plus the two synthetic recordings of 1973-06-10), then the cmdlets piped into each
# other by property name, the operator's preferred recording, tab completion and the views.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestEnvironment.psm1') -Force
    Add-PackageToModulePath
    Import-Module ArchiveImport -Force
    $fixtures = Join-Path ([IO.Path]::GetTempPath()) ("aifixtures-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory $fixtures | Out-Null
    Copy-Item (Get-RepoPath 'tests/fixtures/archive-org/*.json'), (Get-RepoPath 'tests/fixtures/browse/*.json') $fixtures
    $fake = Start-FakeArchive $fixtures
    $testHome = New-TestHome $fake.Url
    # A studio album for the 1970 concert's first song (Casey Jones), for Get-ArchiveArtwork's StudioAlbum rule.
    Add-Content (Join-Path $testHome 'config/artists/grateful-dead.yaml') @(
        'studio_albums:'
        "  - album: Workingman's Dead"
        '    year: 1970'
        '    cover: https://covers.example.org/workingmans-dead.jpg'
        '    songs: [casey-jones]')
    Push-Location $testHome
    $populated = @(Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate)
}

AfterAll {
    Pop-Location
    Remove-TestHome $testHome
    Stop-TestServer $fake
    Remove-Item $fixtures -Recurse -Force -ErrorAction Ignore
}

Describe 'Browse the catalog' {
    It 'populates the four recordings into two concerts' {
        $populated | ForEach-Object { "$($_.Status)" } | Sort-Object -Unique | Should -Be 'Populated'
        $concerts = @(Get-ArchiveShow 'Grateful Dead')
        $concerts.Date | Should -Be @('1970-10-23', '1973-06-10')
        $concerts[1].RecordingCount | Should -Be 3
        $concerts[1].Identifier | Should -Be 'gd73-06-10.sbd.hollister.174.sbeok.shnf'
        $concerts[1].SourceType | Should -Be 'SBD'
        $concerts[1].Url | Should -Be "$($fake.Url.TrimEnd('/'))/details/gd73-06-10.sbd.hollister.174.sbeok.shnf"
    }

    It 'Get-ArchiveShow | Get-ArchiveTrack lists the preferred recording''s tracks with stream URLs' {
        $tracks = @(Get-ArchiveShow 'Grateful Dead' -Year 1973 -Month 6 | Get-ArchiveTrack)
        $tracks.Count | Should -Be 31
        $tracks[0].StreamUrl | Should -Be "$($fake.Url.TrimEnd('/'))/download/gd73-06-10.sbd.hollister.174.sbeok.shnf/$($tracks[0].FileName)"
        ($tracks | Where-Object Title -eq 'Dark Star >').Songs[0].Segue | Should -BeTrue
    }

    It 'Get-ArchiveSong | Get-ArchiveShow lists the concerts where the song was played, each once' {
        $song = Get-ArchiveSong 'Sugar Magnolia'
        $song.TimesPlayed | Should -Be 2
        (Get-ArchiveSong 'Sugar Magnolia' | Get-ArchiveShow).Date | Should -Be @('1970-10-23', '1973-06-10')
    }

    It 'Set-ArchiveRecordingPreference overrides the rules, honours -WhatIf and can be cleared' {
        Set-ArchiveRecordingPreference gd1973-06-10.aud.synthetic.flac16 -WhatIf
        (Get-ArchiveShow -Year 1973).Identifier | Should -Be 'gd73-06-10.sbd.hollister.174.sbeok.shnf'
        (Get-ArchiveRecording -Identifier gd1973-06-10.aud.synthetic.flac16 | Set-ArchiveRecordingPreference).IsPreferred | Should -BeTrue
        (Get-ArchiveShow -Year 1973).Identifier | Should -Be 'gd1973-06-10.aud.synthetic.flac16'
        Set-ArchiveRecordingPreference gd1973-06-10.aud.synthetic.flac16 -Clear | Out-Null
        (Get-ArchiveShow -Year 1973).Identifier | Should -Be 'gd73-06-10.sbd.hollister.174.sbeok.shnf'
    }

    It 'completes song and venue names from the catalog' {
        $line = "Get-ArchiveSong 'Dark S"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be "'Dark Star'"
        $line = 'Get-ArchiveShow -Venue Rob'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be "'Robert F. Kennedy Stadium'"
    }

    It 'renders every new view in 80 columns' {
        $text = @(
            Get-ArchiveShow | Out-String -Width 80
            Get-ArchiveRecording | Out-String -Width 80
            Get-ArchiveTrack -Identifier gd70-10-23.aud.wolfson.15080.sbefail.shnf | Out-String -Width 80
            Get-ArchiveSong 'Not Fade Away' | Out-String -Width 80
        ) -join "`n"
        $text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        $text | Should -Match 'Date\s+Artist\s+Venue\s+Source\s+Recs'
    }

    It 'Get-ArchiveArtwork says which rule chose each image; an override wins, honours -WhatIf and falls back when removed' {
        $sbd = 'gd73-06-10.sbd.hollister.174.sbeok.shnf'
        $poster = 'https://images.example.org/rfk-1973.jpg'
        $art = @(Get-ArchiveShow 'Grateful Dead' | Get-ArchiveArtwork)
        $art.Rule | ForEach-Object { "$_" } | Should -Be @('StudioAlbum', 'ItemImage')
        $art[0].ImageUrl | Should -Be 'https://covers.example.org/workingmans-dead.jpg'
        $art[1].ImageUrl | Should -Be "$($fake.Url.TrimEnd('/'))/download/$sbd/RFKJune73extras/Covers/GD6-10-73FrontCowboys.jpg"

        Get-ArchiveShow -Year 1973 | Set-ArchiveArtworkOverride -ImageUrl $poster -WhatIf | Should -BeNullOrEmpty
        "$((Get-ArchiveArtwork $sbd).Rule)" | Should -Be 'ItemImage'
        (Get-ArchiveShow -Year 1973 | Set-ArchiveArtworkOverride -ImageUrl $poster -Note 'RFK poster').ImageUrl | Should -Be $poster
        $chosen = Get-ArchiveArtwork $sbd
        "$($chosen.Rule)" | Should -Be 'Override'
        $chosen.Detail | Should -Be 'RFK poster'

        (Remove-ArchiveArtworkOverride $sbd -Confirm:$false).ImageUrl | Should -Be $poster
        "$((Get-ArchiveArtwork $sbd).Rule)" | Should -Be 'ItemImage'
        $err = $null
        Remove-ArchiveArtworkOverride $sbd -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ArtworkOverrideNotFound,*'
    }

    It 'refuses an image URL that is not absolute http or https, saying what to give instead' {
        $err = $null
        Set-ArchiveArtworkOverride gd73-06-10.sbd.hollister.174.sbeok.shnf -ImageUrl 'covers/rfk.jpg' -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidImageUrl,*'
        "$($err[0])" | Should -Match 'https://'
        Get-ArchiveArtwork -Artist 'Grateful Dead' | Should -BeNullOrEmpty
    }

    It 'renders the artwork views in 80 columns' {
        $text = @(
            Get-ArchiveShow | Get-ArchiveArtwork | Out-String -Width 80
            Set-ArchiveArtworkOverride gd73-06-10.sbd.hollister.174.sbeok.shnf -ImageUrl https://images.example.org/rfk.jpg | Out-String -Width 80
        ) -join "`n"
        Remove-ArchiveArtworkOverride gd73-06-10.sbd.hollister.174.sbeok.shnf | Out-Null
        $text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        $text | Should -Match 'Identifier\s+Rule\s+Detail'
        $text | Should -Match 'Identifier\s+ImageUrl'
    }
}
