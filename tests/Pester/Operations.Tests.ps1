# Backup-ArchiveDatabase and Restore-ArchiveDatabase, and maintenance mode, in real pwsh, on the embedded SQLite catalog and on a private
# MariaDB (mariadb-dump and the mariadb client from Debian's mariadb-client, installed with mariadb-server).
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

Describe 'Backup and restore on <Engine>' -ForEach @(
    @{ Engine = 'SQLite'; Extension = '.db' }
    @{ Engine = 'MySQL'; Extension = '.sql' }
) {
    BeforeAll {
        $database = if ($Engine -eq 'MySQL') { $mariaDb.ConnectionString } else { $null }
        $testHome = Enter-TestHome $fake.Url $database
        Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate | Out-Null
        $runsAtBackup = @(Get-ArchiveImportRun).Count
        $backup = Backup-ArchiveDatabase
    }
    AfterAll {
        Exit-TestHome $testHome
    }

    It 'writes the backup and its manifest under var/backups, with its size and SHA-256' {
        $backup.Engine | Should -Be $Engine
        $backup.Path | Should -BeLike (Join-Path $testHome "var/backups/archive-*$Extension")
        $backup.Path | Should -Exist
        "$($backup.Path).manifest.json" | Should -Exist
        $backup.Bytes | Should -Be (Get-Item $backup.Path).Length
        $backup.Sha256 | Should -Be (Get-FileHash $backup.Path -Algorithm SHA256).Hash.ToLowerInvariant()
    }

    It 'Restore-ArchiveDatabase -WhatIf changes nothing; piped from the backup it undoes later runs' {
        Invoke-ArchivePopulate -Artist 'Grateful Dead' -Force | Out-Null
        @(Get-ArchiveImportRun).Count | Should -Be ($runsAtBackup + 1)

        $backup | Restore-ArchiveDatabase -WhatIf
        @(Get-ArchiveImportRun).Count | Should -Be ($runsAtBackup + 1)

        $restored = $backup | Restore-ArchiveDatabase -Confirm:$false
        @(Get-ArchiveImportRun).Count | Should -Be $runsAtBackup
        $restored.Rows | Should -BeGreaterThan 50
        ($restored.Tables | Where-Object Table -eq 'catalog_track').Rows | Should -BeGreaterThan 20
    }

    It 'restores the same content twice over: the table hashes do not change' {
        $first = Restore-ArchiveDatabase $backup.Path -Confirm:$false
        $second = Get-Item $backup.Path | Restore-ArchiveDatabase -Confirm:$false
        Compare-Object $first.Tables $second.Tables -Property Table, Rows, Sha256 | Should -BeNullOrEmpty
    }

    It 'refuses a backup that changed since, naming why' {
        $copy = Join-Path $testHome "changed$Extension"
        Copy-Item $backup.Path $copy
        Copy-Item "$($backup.Path).manifest.json" "$copy.manifest.json"
        Add-Content $copy 'tampered'
        { Restore-ArchiveDatabase $copy -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*changed or was damaged*' -ErrorId 'BackupInvalid,ArchiveImport.PowerShell.Commands.RestoreArchiveDatabaseCommand'
    }
}

Describe 'Restore-ArchiveDatabase asks first' {
    It 'has ConfirmImpact High, so it prompts unless -Confirm:$false' {
        $attribute = (Get-Command Restore-ArchiveDatabase).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        "$($attribute.ConfirmImpact)" | Should -Be 'High'
    }
}

Describe 'Maintenance mode seen by every machine sharing a MariaDB' {
    BeforeAll {
        $first = New-TestHome $fake.Url $mariaDb.ConnectionString
        $second = New-TestHome $fake.Url $mariaDb.ConnectionString
        Update-ArchiveDatabase -HomePath $first -Confirm:$false | Out-Null
    }
    AfterAll {
        Disable-ArchiveMaintenance -HomePath $first -Confirm:$false | Out-Null
        Remove-TestHome $first
        Remove-TestHome $second
    }

    It 'refuses an import on the second home with MaintenanceMode, naming the reason, until disabled from the first' {
        Enable-ArchiveMaintenance 'restoring last night''s backup' -HomePath $first | Out-Null
        (Get-ArchiveMaintenance -HomePath $second).Reason | Should -Be 'restoring last night''s backup'

        { Invoke-ArchiveDownload -Artist 'Grateful Dead' -HomePath $second -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*paused for maintenance*restoring last night''s backup*' -ErrorId 'MaintenanceMode,ArchiveImport.PowerShell.Commands.InvokeArchiveDownloadCommand'

        (Disable-ArchiveMaintenance -HomePath $first).Enabled | Should -BeFalse
        @(Invoke-ArchiveDownload -Artist 'Grateful Dead' -HomePath $second -ErrorAction Stop).Count | Should -BeGreaterThan 0
    }
}

Describe 'Status, watching and run history on SQLite' {
    BeforeAll {
        $testHome = New-TestHome $fake.Url
        Push-Location $testHome
        Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate | Out-Null
    }
    AfterAll {
        Pop-Location
        Remove-TestHome $testHome
    }

    It 'Get-ArchiveStatus lists every configured artist, with the imported one counted' {
        $status = @(Get-ArchiveStatus)
        $status.Artist | Should -Contain 'Lettuce'
        $dead = $status | Where-Object Artist -eq 'Grateful Dead'
        $dead.ShowsListed | Should -Be 2
        $dead.ShowsPopulated | Should -Be 2
        $dead.LastPopulate.Status | Should -Be 'completed'
        $dead.IsRunning | Should -BeFalse
    }

    It 'Watch-ArchiveImport warns with nothing running and returns an ended run given by id at once' {
        $nothing = Watch-ArchiveImport -WarningVariable warned -WarningAction SilentlyContinue
        $nothing | Should -BeNullOrEmpty
        "$warned" | Should -BeLike '*nothing to watch*'
        $last = Get-ArchiveImportRun -Last 1
        ($last | Watch-ArchiveImport).Status | Should -Be 'completed'
    }

    It 'Get-ArchiveHealth picks checks by tag from the registry, each result with its duration' {
        $matching = @(Get-ArchiveHealth -Tag matching)
        $matching.Id | Sort-Object -Unique | Should -Be @('match-rate', 'unmatched-count')
        $matching | ForEach-Object { $_.Duration | Should -BeGreaterThan ([TimeSpan]::Zero) }
        (Get-ArchiveHealth -Check maintenance).Status | Should -Be 'Pass'
        { Get-ArchiveHealth -Check nonsense -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*Checks: database, schema*' -ErrorId 'UnknownHealthCheck,ArchiveImport.PowerShell.Commands.GetArchiveHealthCommand'
    }

    It 'Export-ArchiveHealth writes the Prometheus text and JUnit XML a collector and a CI job read' {
        $prom = Export-ArchiveHealth (Join-Path $testHome 'archiveimport.prom')
        $prom.Path | Should -Exist
        $prom.Format | Should -Be 'Prometheus'
        Get-Content $prom.Path | Where-Object { $_ -notmatch '^#' } | ForEach-Object { $_ | Should -Match '^archiveimport_[a-z_]+(\{[^}]*\})? [0-9.eE+-]+$' }
        [xml] $junit = Get-Content (Get-ArchiveHealth | Export-ArchiveHealth (Join-Path $testHome 'junit.xml')).Path -Raw
        [int] $junit.testsuites.testsuite.failures | Should -Be 0
    }

    It 'Get-ArchiveImportRun -Since filters by start time' {
        @(Get-ArchiveImportRun -Since (Get-Date).AddHours(-1)).Count | Should -Be 2
        @(Get-ArchiveImportRun -Since (Get-Date).AddHours(1)).Count | Should -Be 0
    }

    It 'Remove-ArchiveImportRun keeps recent runs' {
        (Remove-ArchiveImportRun -OlderThan 1 -Confirm:$false).Removed | Should -Be 0
        @(Get-ArchiveImportRun).Count | Should -Be 2
    }

    It 'the new views fit 80 columns' {
        $lines = @(
            Get-ArchiveStatus | Out-String -Width 80
            Get-ArchiveMaintenance | Out-String -Width 80
            Backup-ArchiveDatabase -Path (Join-Path $testHome 'wide.db') | Out-String -Width 80
        ) -split "`n"
        $lines | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -BeLike '*Grateful Dead*'
    }
}

Describe 'Metadata backup and restore' {
    BeforeAll {
        $testHome = New-TestHome $fake.Url
        Push-Location $testHome
        Invoke-ArchiveDownload -Artist 'Grateful Dead' | Out-Null
        $files = Get-ChildItem var/archivedotorg/metadata, config/artists -Recurse -File | Get-FileHash | Sort-Object Path
    }
    AfterAll {
        Pop-Location
        Remove-TestHome $testHome
    }

    It 'restores every file as it was, keeping the replaced folders aside' {
        $backup = Backup-ArchiveMetadata
        $backup.Files | Should -Be $files.Count
        Get-ChildItem var/archivedotorg/metadata -Recurse -File | Select-Object -First 1 | Remove-Item
        Set-Content config/artists/lettuce.yaml 'broken: ['

        $restored = $backup | Restore-ArchiveMetadata -Confirm:$false
        $restored.KeptAside.Count | Should -Be 2
        $after = Get-ChildItem var/archivedotorg/metadata, config/artists -Recurse -File | Get-FileHash | Sort-Object Path
        Compare-Object $files $after -Property Path, Hash | Should -BeNullOrEmpty
    }

    It 'refuses a file that is not a zip, changing nothing' {
        Set-Content (Join-Path $testHome 'not.zip') 'plain text'
        { Restore-ArchiveMetadata (Join-Path $testHome 'not.zip') -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'BackupInvalid,ArchiveImport.PowerShell.Commands.RestoreArchiveMetadataCommand'
    }
}

Describe 'The metadata layout: Move-ArchiveMetadata and Compress-ArchiveMetadata' {
    BeforeAll {
        $testHome = New-TestHome $fake.Url
        Push-Location $testHome
        Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate | Out-Null
        $root = Join-Path $testHome 'var/archivedotorg/metadata'
        $artistFolder = Join-Path $root 'Grateful Dead'
        $original = Get-ChildItem $artistFolder -Filter *.json | Get-FileHash | Sort-Object { Split-Path $_.Path -Leaf }
        # The older system's layout: every show's file straight in the metadata folder.
        Get-ChildItem $artistFolder -Filter *.json | Move-Item -Destination $root
    }
    AfterAll {
        Pop-Location
        Remove-TestHome $testHome
    }

    It 'Move-ArchiveMetadata -WhatIf moves nothing' {
        Move-ArchiveMetadata -WhatIf | Out-Null
        Get-ChildItem $root -Filter *.json -File | Should -HaveCount $original.Count
        Get-ChildItem $artistFolder -Filter *.json | Should -BeNullOrEmpty
    }

    It 'moves every flat file into its artist folder with a verified proof, and populate reads them' {
        $result = Move-ArchiveMetadata
        $result.Verified | Should -BeTrue
        $result.Moved | Should -Be $original.Count
        $result.Proof.Sha256After | Should -Be $result.Proof.Sha256Before
        Get-ChildItem $root -Filter *.json -File | Should -BeNullOrEmpty
        $after = Get-ChildItem $artistFolder -Filter *.json | Get-FileHash | Sort-Object { Split-Path $_.Path -Leaf }
        Compare-Object $original $after -Property { Split-Path $_.Path -Leaf }, Hash | Should -BeNullOrEmpty
        (Invoke-ArchivePopulate -Artist 'Grateful Dead' -Force | Where-Object Status -eq Failed) | Should -BeNullOrEmpty
        (Get-ArchiveActivity -Command Move-ArchiveMetadata -Last 1).Outcome | Should -Be 'Succeeded'
    }

    It 'Compress-ArchiveMetadata packs the files into the artist''s zip, and populate reads the shows from it' {
        $packed = Compress-ArchiveMetadata -OlderThan 0 -Confirm:$false
        $packed.FilesPacked | Should -Be $original.Count
        Join-Path $artistFolder 'archive.zip' | Should -Exist
        Get-ChildItem $artistFolder -Filter *.json | Should -BeNullOrEmpty
        (Invoke-ArchivePopulate -Artist 'Grateful Dead' -Force | Where-Object Status -eq Failed) | Should -BeNullOrEmpty
        # Had populate fallen back to the catalog's copies, it would have written the loose files again.
        Get-ChildItem $artistFolder -Filter *.json | Should -BeNullOrEmpty
        $lines = (Compress-ArchiveMetadata -OlderThan 0 -Confirm:$false | Out-String -Width 80) -split "`n"
        $lines | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
    }
}
