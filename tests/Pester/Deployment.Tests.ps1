# The deployment phase scripts (deployment/*.ps1) in real pwsh against the packaged module: phase 1 on SQLite and
# on a private MariaDB, with its rollback from a half-applied migration, and phase 4 followed by the full rollback.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestEnvironment.psm1') -Force
    Add-PackageToModulePath
    Import-Module ArchiveImport -Force
    $deployment = Get-RepoPath 'deployment'
    $fake = Start-FakeArchive
    $mariaDb = Start-TestMariaDb

    function Get-FileHashes([string] $Root) {
        Get-ChildItem $Root -Recurse -File | ForEach-Object { '{0} {1}' -f $_.FullName, (Get-FileHash $_.FullName).Hash }
    }

    # The mariadb client, so the catalog is checked by something other than the module under test.
    function Invoke-MariaDbSql([string] $Sql, [string] $ConnectionString = $mariaDb.ConnectionString) {
        $parts = @{}
        foreach ($pair in $ConnectionString -split ';' | Where-Object { $_ }) {
            $key, $value = $pair -split '=', 2
            $parts[$key.Trim()] = $value
        }
        $env:MYSQL_PWD = $parts['Password']
        try {
            $out = & mariadb --protocol=TCP --host=$($parts['Server']) --port=$($parts['Port']) --user=$($parts['User ID']) `
                --database=$($parts['Database']) --batch --skip-column-names -e $Sql
            if ($LASTEXITCODE) { throw "mariadb failed ($LASTEXITCODE) on: $Sql" }
            $out
        }
        finally { Remove-Item Env:MYSQL_PWD -ErrorAction Ignore }
    }

    # Every table but the activity log (a rollback adds its own record there) with its row count and checksum.
    function Get-CatalogChecksums([string] $ConnectionString = $mariaDb.ConnectionString) {
        $tables = @(Invoke-MariaDbSql 'SHOW TABLES' $ConnectionString) | Where-Object { $_ -ne 'archivedotorg_activity_log' }
        Invoke-MariaDbSql "CHECKSUM TABLE $($tables -join ', ') EXTENDED" $ConnectionString
        $tables | ForEach-Object { "$_ " + (Invoke-MariaDbSql "SELECT COUNT(*) FROM $_" $ConnectionString) }
    }
}

AfterAll {
    Stop-TestServer $mariaDb
    Stop-TestServer $fake
}

Describe 'Deploy-Database on SQLite' {
    BeforeAll {
        $testHome = New-TestHome $fake.Url
        Push-Location $testHome
        Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate | Out-Null
    }
    AfterAll {
        Pop-Location
        Remove-TestHome $testHome
    }

    It '-WhatIf reports every step as WhatIf and changes no file' {
        $before = Get-FileHashes $testHome
        $steps = & "$deployment/Deploy-Database.ps1" -WhatIf
        $steps.Status | Should -Be @('WhatIf', 'WhatIf', 'WhatIf', 'WhatIf', 'WhatIf')
        Get-FileHashes $testHome | Should -Be $before
    }

    It 'takes every step, returns one typed result per step, and runs again as a no-op' {
        foreach ($run in 1, 2) {
            $steps = & "$deployment/Deploy-Database.ps1"
            $steps.Step | Should -Be @('Backup', 'MaintenanceOn', 'Migrate', 'VerifySchema', 'MaintenanceOff')
            $steps.Status | Sort-Object -Unique | Should -Be 'Succeeded'
            $steps[0].PSObject.TypeNames[0] | Should -Be 'ArchiveImport.DeploymentStep'
            $steps | ForEach-Object { $_.Duration | Should -BeOfType [timespan] }
        }
        (Get-ArchiveMaintenance).Enabled | Should -BeFalse
        @(Get-ChildItem (Join-Path $testHome 'var/backups') -Directory -Filter 'deploy-database-*').Count | Should -Be 2
        $table = $steps | Out-String -Width 80
        $table | Should -Match 'Phase\s+Step\s+Status\s+Seconds\s+Detail'
        $table -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }

    It 'runs under pwsh -File with a home given by -HomePath, as a scheduler would start it' {
        $child = Invoke-ChildPwsh -Script "& '$deployment/Deploy-Database.ps1' -HomePath '$testHome' | ForEach-Object { `"`$(`$_.Step)=`$(`$_.Status)`" }" -WorkingDirectory ([IO.Path]::GetTempPath())
        $child.ExitCode | Should -Be 0 -Because $child.Errors
        $child.Output -split "`n" | Where-Object { $_ -match '^\w+=\w+$' } | Should -Be @('Backup=Succeeded', 'MaintenanceOn=Succeeded', 'Migrate=Succeeded', 'VerifySchema=Succeeded', 'MaintenanceOff=Succeeded')
    }
}

Describe 'Deploy-Database on MariaDB' {
    BeforeAll {
        $testHome = New-TestHome $fake.Url $mariaDb.ConnectionString
        # The phase's verdict on the dashboard queries is under test here, not this machine's speed.
        Add-Content (Join-Path $testHome 'config/archiveimport.yaml') "health:`n  maxDashboardQueryMilliseconds: 60000"
        Push-Location $testHome
        Update-ArchiveDatabase -Confirm:$false | Out-Null
        Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate | Out-Null
        # The catalog as the previous release (schema version 4) left it: migration 5's columns not there yet...
        $m5 = 'runs_started', 'runs_completed', 'runs_failed', 'runs_cancelled', 'runs_running', 'catalog_shows', 'catalog_tracks',
            'tracks_matched', 'tracks_unmatched', 'unmatched_titles', 'match_rate', 'recomputed_at'
        Invoke-MariaDbSql ("ALTER TABLE archivedotorg_daily_metrics " + (($m5 | ForEach-Object { "DROP COLUMN $_" }) -join ', ')) | Out-Null
        # ...nor migration 6's (the activity log's command columns).
        $m6 = 'user_name', 'host', 'command', 'target', 'outcome', 'duration_ms', 'artist', 'error_id'
        $m6Indexes = 'ix_activity_log_command', 'ix_activity_log_artist', 'ix_activity_log_artist_id', 'ix_activity_log_outcome'
        Invoke-MariaDbSql ("ALTER TABLE archivedotorg_activity_log " + ((@($m6Indexes | ForEach-Object { "DROP INDEX $_" }) + @($m6 | ForEach-Object { "DROP COLUMN $_" })) -join ', ')) | Out-Null
        # ...nor migration 7's (the import runs' finished_at index).
        Invoke-MariaDbSql 'DROP INDEX ix_import_run_finished ON archivedotorg_import_run' | Out-Null
        # ...nor migration 8's (concerts and their recordings).
        $m8 = 'concert_id', 'source_type', 'transferer', 'city', 'region', 'avg_rating', 'num_reviews', 'downloads',
            'duration_seconds', 'tracks_matched', 'tracks_unmatched', 'preferred_by_operator'
        Invoke-MariaDbSql 'DROP TABLE catalog_concert' | Out-Null
        Invoke-MariaDbSql 'DROP INDEX ix_song_artist_name ON catalog_song' | Out-Null
        Invoke-MariaDbSql 'DROP INDEX ix_track_song_song_track ON catalog_track_song' | Out-Null
        Invoke-MariaDbSql ("ALTER TABLE catalog_show DROP INDEX ix_show_concert, " + (($m8 | ForEach-Object { "DROP COLUMN $_" }) -join ', ')) | Out-Null
        # ...nor migration 9's (artwork: album covers and songs, one override per recording).
        Invoke-MariaDbSql 'DROP TABLE archivedotorg_studio_album_song' | Out-Null
        Invoke-MariaDbSql 'ALTER TABLE archivedotorg_studio_albums DROP INDEX ux_studio_albums_artist_title, DROP COLUMN cover_url' | Out-Null
        Invoke-MariaDbSql 'ALTER TABLE archivedotorg_artwork_overrides DROP INDEX ux_artwork_overrides_identifier, DROP INDEX ix_artwork_overrides_artist' | Out-Null
        Invoke-MariaDbSql 'DELETE FROM archivedotorg_schema_version WHERE Version >= 5' | Out-Null
        # ...but one of migration 5's, the fourth it adds, already there: migration 5 commits three columns, then fails.
        Invoke-MariaDbSql 'ALTER TABLE archivedotorg_daily_metrics ADD COLUMN runs_cancelled INT NOT NULL DEFAULT 7' | Out-Null
    }
    AfterAll {
        Pop-Location
        Remove-TestHome $testHome
    }

    It 'rolls a half-applied migration back: the catalog equals the backup, maintenance is off, the failed step is named' {
        $before = Get-CatalogChecksums

        $steps = & "$deployment/Deploy-Database.ps1" -ErrorVariable failure -ErrorAction SilentlyContinue

        $steps.Step | Should -Be @('Backup', 'MaintenanceOn', 'Migrate', 'Migrate', 'MaintenanceOn', 'VerifySchema', 'MaintenanceOff')
        $steps.Status | Should -Be @('Succeeded', 'Succeeded', 'Failed', 'Undone', 'Undone', 'Skipped', 'Skipped')
        $steps[2].Detail | Should -Match 'runs_cancelled'
        # -ErrorVariable also holds the errors the steps met on the way; the phase's own verdict is the one to read.
        $verdict = @($failure | Where-Object FullyQualifiedErrorId -like 'DeploymentStepFailed,*')
        $verdict | Should -HaveCount 1
        "$verdict" | Should -BeLike '*failed at step Migrate*the rollback succeeded*'
        Get-CatalogChecksums | Should -Be $before
        Invoke-MariaDbSql 'SELECT MAX(Version) FROM archivedotorg_schema_version' | Should -Be 4
        (Get-ArchiveMaintenance).Enabled | Should -BeFalse
    }

    It 'once the cause is removed, migrates and verifies, then runs again as a no-op' {
        Invoke-MariaDbSql 'ALTER TABLE archivedotorg_daily_metrics DROP COLUMN runs_cancelled' | Out-Null
        $shows = Invoke-MariaDbSql 'SELECT COUNT(*) FROM catalog_show'
        foreach ($run in 1, 2) {
            $steps = & "$deployment/Deploy-Database.ps1"
            $steps.Status | Sort-Object -Unique | Should -Be 'Succeeded'
        }
        Invoke-MariaDbSql 'SELECT MAX(Version) FROM archivedotorg_schema_version' | Should -Be 9
        Invoke-MariaDbSql 'SELECT COUNT(*) FROM catalog_show' | Should -Be $shows
    }

    It 'phase 4, then Undo-Deployment with phase 1''s backup, gives back the catalog and metadata as they were' {
        $metadataBackup = Backup-ArchiveMetadata
        $databaseBackup = (& "$deployment/Deploy-Database.ps1")[0].Output[0]
        $before = Get-CatalogChecksums
        $metadata = Get-FileHashes (Join-Path $testHome 'var/archivedotorg/metadata')

        $dashboard = & "$deployment/Deploy-Dashboard.ps1" -Days 2 -Path ./dashboard.html
        $dashboard.Step | Should -Be @('DailyMetrics', 'ExportDashboard', 'CheckQueries', 'Cleanup')
        $dashboard.Status | Sort-Object -Unique | Should -Be 'Succeeded'
        Invoke-ArchiveDownload -Artist 'Yonder Mountain String Band' | Invoke-ArchivePopulate | Out-Null
        Get-CatalogChecksums | Should -Not -Be $before

        $undo = & "$deployment/Undo-Deployment.ps1" -DatabaseBackup $databaseBackup.Path -MetadataBackup $metadataBackup.Path -Confirm:$false
        $undo.Status | Sort-Object -Unique | Should -Be 'Succeeded'
        Get-CatalogChecksums | Should -Be $before
        Get-FileHashes (Join-Path $testHome 'var/archivedotorg/metadata') | Should -Be $metadata
        (Get-ArchiveMaintenance).Enabled | Should -BeFalse
    }
}

Describe 'Deploy-Module installs version N+1 beside N; Undo-Deployment brings N back' {
    BeforeAll {
        $testHome = New-TestHome $fake.Url
        Push-Location $testHome
        $moduleRoot = Join-Path $testHome 'modules'
        $package = Get-TestPackage
        $current = [version](Import-PowerShellDataFile (Join-Path $package 'ArchiveImport.psd1')).ModuleVersion
        $next = [version]::new($current.Major, $current.Minor, [math]::Max($current.Build, 0) + 1)
        Copy-Item $package (New-Item -ItemType Directory -Force (Join-Path $moduleRoot "ArchiveImport")).FullName -Recurse
        Rename-Item (Join-Path $moduleRoot 'ArchiveImport/ArchiveImport') "$current"
        # N+1: the same build under the next version number, as the next release's package would be laid out.
        $nextPackage = Join-Path $testHome 'next/ArchiveImport'
        Copy-Item $package (New-Item -ItemType Directory -Force (Split-Path $nextPackage)).FullName -Recurse
        $manifest = Join-Path $nextPackage 'ArchiveImport.psd1'
        (Get-Content $manifest -Raw) -replace "ModuleVersion\s*=\s*'[^']+'", "ModuleVersion = '$next'" | Set-Content $manifest
        $deploy = @{ PackagePath = $nextPackage; ModuleRoot = $moduleRoot; ArchiveUrl = $fake.Url }
    }
    AfterAll {
        Pop-Location
        Remove-TestHome $testHome
    }

    It '-WhatIf installs nothing' {
        $steps = & "$deployment/Deploy-Module.ps1" @deploy -WhatIf
        $steps.Status | Should -Be @('WhatIf', 'WhatIf', 'WhatIf')
        (Get-ChildItem (Join-Path $moduleRoot 'ArchiveImport')).Name | Should -Be "$current"
    }

    It 'installs N+1 beside N, proves it in a fresh pwsh, and runs again as a no-op' {
        $steps = & "$deployment/Deploy-Module.ps1" @deploy
        $steps.Step | Should -Be @('Install', 'VerifyLoad', 'VerifyWorkflow')
        $steps.Status | Sort-Object -Unique | Should -Be 'Succeeded'
        $steps[1].Detail | Should -BeLike "Version $next loads in a fresh pwsh and exports all * cmdlets."
        $steps[2].Detail | Should -BeLike 'Downloaded and populated 1 show*'
        (Get-ChildItem (Join-Path $moduleRoot 'ArchiveImport')).Name | Sort-Object | Should -Be (@("$current", "$next") | Sort-Object)

        $again = & "$deployment/Deploy-Module.ps1" @deploy
        $again.Status | Sort-Object -Unique | Should -Be 'Succeeded'
        $again[0].Detail | Should -BeLike '*already installed*'
    }

    It 'Undo-Deployment removes N+1, and a new session imports N' {
        $undo = & "$deployment/Undo-Deployment.ps1" -ModuleRoot $moduleRoot -RemoveModuleVersion "$next" -Confirm:$false
        $undo.Step | Should -Be @('MaintenanceOn', 'RemoveModuleVersion', 'MaintenanceOff')
        $undo.Status | Sort-Object -Unique | Should -Be 'Succeeded'
        $child = Invoke-ChildPwsh -Environment @{ PSModulePath = $moduleRoot } -Script '(Import-Module ArchiveImport -PassThru).Version.ToString()'
        $child.Output.Trim() | Should -Be "$current"
    }
}

Describe 'Watch-Deployment on <Engine>' -ForEach @(
    @{ Engine = 'SQLite' }
    @{ Engine = 'MySQL' }
) {
    BeforeAll {
        $database = $null
        if ($Engine -eq 'MySQL') {
            # A database of its own: the other specs' catalog already lists these shows, so nothing would download here.
            Invoke-MariaDbSql 'CREATE DATABASE watch_deployment' | Out-Null
            $database = $mariaDb.ConnectionString -replace 'Database=[^;]*', 'Database=watch_deployment'
        }
        $testHome = Enter-TestHome $fake.Url $database
        Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate | Out-Null
        $monitoring = Join-Path $testHome 'var/log/deployment_monitoring'
        $criteria = 'ErrorRate', 'ImportSuccess', 'MatchRate', 'Dashboard', 'NoDataLost'
    }
    AfterAll {
        Exit-TestHome $testHome
    }

    It '-WhatIf returns the criteria and writes no log, no baseline and no activity' {
        $result = @(& "$deployment/Watch-Deployment.ps1" -Day 1 -WhatIf)
        $result.Criterion | Should -Be $criteria
        Test-Path $monitoring | Should -BeFalse
        @(Get-ArchiveActivity -Command 'Watch-Deployment') | Should -HaveCount 0
    }

    It 'runs every day from 1 to 7 on a healthy home: each passes its five criteria and writes its own log' -Skip:($Engine -eq 'MySQL') {
        foreach ($day in 1..7) {
            $result = @(& "$deployment/Watch-Deployment.ps1" -Day $day)
            $result.Criterion | Should -Be $criteria
            $result | ForEach-Object { $_.Status | Should -Be 'Pass' -Because "day ${day}: $($_.Criterion) $($_.Value): $($_.Detail)" }
            $result.Day | Sort-Object -Unique | Should -Be $day
            $log = Get-ChildItem $monitoring -Filter "day-$day-*.json" | Get-Content -Raw | ConvertFrom-Json
            $log.Criteria.Criterion | Should -Be $criteria
        }
        (Get-ChildItem $monitoring -Filter 'day-*.json').Count | Should -Be 7
        (Get-Content (Join-Path $monitoring 'day-7-*.json') -Raw | ConvertFrom-Json).Checks.Id | Should -Contain 'schema'
        (Get-Content (Join-Path $monitoring 'day-4-*.json') -Raw | ConvertFrom-Json).Checks.Id | Should -Contain 'import-processes'
        @(Get-ArchiveActivity -Command 'Watch-Deployment').Count | Should -Be 7
    }

    It 'day 7 on a healthy home passes, and its table view fits 80 columns' -Skip:($Engine -eq 'SQLite') {
        $result = @(& "$deployment/Watch-Deployment.ps1" -Day 7)
        $result.Criterion | Should -Be $criteria
        $result | ForEach-Object { $_.Status | Should -Be 'Pass' -Because "$($_.Criterion) $($_.Value): $($_.Detail)" }
        $result | Format-Table | Out-String -Width 80 -Stream | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'reports a failed import run as Fail: error rate and import success, recorded as a failed watch' {
        $settings = Join-Path $testHome 'config/archiveimport.yaml'
        $healthy = Get-Content $settings
        Set-Content $settings (($healthy -replace '^archiveUrl: .*', 'archiveUrl: http://127.0.0.1:9/') -replace '^maxRetries: .*', 'maxRetries: 0')
        try { Invoke-ArchiveDownload -Artist 'Grateful Dead' -ErrorAction SilentlyContinue | Out-Null }
        finally { Set-Content $settings $healthy }

        $result = @(& "$deployment/Watch-Deployment.ps1" -Day 1)
        ($result | Where-Object Criterion -eq 'ImportSuccess').Status | Should -Be 'Fail'
        ($result | Where-Object Criterion -eq 'ErrorRate').Status | Should -Be 'Fail'
        ($result | Where-Object Criterion -eq 'NoDataLost').Status | Should -Be 'Pass'
        (Get-ArchiveActivity -Command 'Watch-Deployment' -Last 1).Outcome | Should -Be 'Failed'
    }

    It 'reports a metadata file lost since the baseline as NoDataLost Fail' {
        $file = Get-ChildItem (Join-Path $testHome 'var/archivedotorg/metadata') -Recurse -File -Filter '*.json' | Select-Object -First 1
        $file | Should -Not -BeNullOrEmpty
        Remove-Item $file.FullName
        $lost = & "$deployment/Watch-Deployment.ps1" -Day 6 | Where-Object Criterion -eq 'NoDataLost'
        $lost.Status | Should -Be 'Fail'
        $lost.Detail | Should -BeLike '*Undo-Deployment.ps1*'
    }
}

Describe 'Deploy-Data killed during the move, then run again' {
    BeforeAll {
        # A catalog of 1,000 populated shows (the benchmark's deployhome), its files put back into the flat layout.
        $made = & dotnet run -c Release --project (Get-RepoPath 'tests/ArchiveImport.Benchmarks') -- deployhome --shows 1000
        $testHome = ($made | Where-Object { $_ -like 'Home=*' }) -replace '^Home=', ''
        $metadata = Join-Path $testHome 'var/archivedotorg/metadata'
        Get-ChildItem $metadata -Directory | Get-ChildItem -File -Filter '*.json' | Move-Item -Destination $metadata
        $before = @{}
        Get-ChildItem $metadata -File -Filter '*.json' | ForEach-Object { $before[$_.Name] = (Get-FileHash $_.FullName).Hash }
    }
    AfterAll { Remove-TestHome $testHome }

    It 'leaves every file present once with its hash, and the second run finishes the move with its proof verified' {
        $before.Count | Should -Be 1000
        $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', "$deployment/Deploy-Data.ps1", '-HomePath', $testHome) {
            $start.ArgumentList.Add($a)
        }
        $start.Environment['PSModulePath'] = (Split-Path (Get-TestPackage) -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $child = [Diagnostics.Process]::Start($start)
        $moved = 0
        $deadline = [datetime]::UtcNow.AddMinutes(3)
        while (-not $child.HasExited -and $moved -lt 100 -and [datetime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 20
            $moved = @(Get-ChildItem $metadata -Directory | Get-ChildItem -File -Filter '*.json' -ErrorAction Ignore).Count
        }
        & /bin/kill -KILL $child.Id
        $child.WaitForExit()
        $moved | Should -BeGreaterOrEqual 100 -Because 'the child was killed once the move had begun'
        $flatLeft = @(Get-ChildItem $metadata -File -Filter '*.json').Count
        $flatLeft | Should -BeGreaterThan 0 -Because 'the child was killed before the move ended'
        Test-Path (Join-Path $metadata '.move-journal.json') | Should -BeTrue

        $steps = & "$deployment/Deploy-Data.ps1" -HomePath $testHome
        $steps.Status | Sort-Object -Unique | Should -Be 'Succeeded'
        $move = ($steps | Where-Object Step -eq 'MoveMetadata').Output | Where-Object { $_.PSObject.Properties['Verified'] }
        $move.Resumed | Should -BeTrue
        $move.Verified | Should -BeTrue

        $after = @(Get-ChildItem $metadata -Recurse -File -Filter '*.json')
        $after.Count | Should -Be $before.Count
        @($after | Where-Object { $_.DirectoryName -eq $metadata }).Count | Should -Be 0
        foreach ($file in $after) { (Get-FileHash $file.FullName).Hash | Should -Be $before[$file.Name] -Because $file.Name }
        Test-Path (Join-Path $metadata '.move-journal.json') | Should -BeFalse
    }
}

Describe 'A full deployment (phases 1 to 4), then Undo-Deployment, on MariaDB' {
    BeforeAll {
        Invoke-MariaDbSql 'CREATE DATABASE full_deployment' | Out-Null
        $database = $mariaDb.ConnectionString -replace 'Database=[^;]*', 'Database=full_deployment'
        $testHome = New-TestHome $fake.Url $database
        Push-Location $testHome
        Update-ArchiveDatabase -Confirm:$false | Out-Null
        Invoke-ArchiveDownload -Artist 'Grateful Dead' | Invoke-ArchivePopulate | Out-Null
        # The older layout that phase 3 moves: every show's file straight in the metadata folder.
        $metadata = Join-Path $testHome 'var/archivedotorg/metadata'
        Get-ChildItem (Join-Path $metadata 'Grateful Dead') -Filter *.json | Move-Item -Destination $metadata
        # Version N installed in a module root, and the next release's package as N+1.
        $moduleRoot = Join-Path $testHome 'modules'
        $package = Get-TestPackage
        $current = [version](Import-PowerShellDataFile (Join-Path $package 'ArchiveImport.psd1')).ModuleVersion
        $next = [version]::new($current.Major, $current.Minor, [math]::Max($current.Build, 0) + 1)
        Copy-Item $package (New-Item -ItemType Directory -Force (Join-Path $moduleRoot 'ArchiveImport')).FullName -Recurse
        Rename-Item (Join-Path $moduleRoot 'ArchiveImport/ArchiveImport') "$current"
        $nextPackage = Join-Path $testHome 'next/ArchiveImport'
        Copy-Item $package (New-Item -ItemType Directory -Force (Split-Path $nextPackage)).FullName -Recurse
        $manifest = Join-Path $nextPackage 'ArchiveImport.psd1'
        (Get-Content $manifest -Raw) -replace "ModuleVersion\s*=\s*'[^']+'", "ModuleVersion = '$next'" | Set-Content $manifest
    }
    AfterAll {
        Pop-Location
        Remove-TestHome $testHome
    }

    It 'gives back the catalog, the metadata files and the module versions the deployment started from' {
        $catalog = Get-CatalogChecksums $database
        $files = Get-FileHashes $metadata
        $metadataBackup = Backup-ArchiveMetadata

        $phase1 = & "$deployment/Deploy-Database.ps1"
        $phase2 = & "$deployment/Deploy-Module.ps1" -PackagePath $nextPackage -ModuleRoot $moduleRoot -ArchiveUrl $fake.Url
        $phase3 = & "$deployment/Deploy-Data.ps1"
        $phase4 = & "$deployment/Deploy-Dashboard.ps1" -Days 2 -Path ./dashboard.html
        foreach ($phase in $phase1, $phase2, $phase3, $phase4) {
            $phase.Status | Sort-Object -Unique | Should -Be 'Succeeded' -Because ($phase | Out-String)
        }
        Get-ChildItem $metadata -File -Filter *.json | Should -BeNullOrEmpty -Because 'phase 3 moved every flat file'
        (Get-ChildItem (Join-Path $moduleRoot 'ArchiveImport')).Name | Sort-Object | Should -Be (@("$current", "$next") | Sort-Object)

        $undo = & "$deployment/Undo-Deployment.ps1" -DatabaseBackup $phase1[0].Output[0].Path -MetadataBackup $metadataBackup.Path `
            -ModuleRoot $moduleRoot -RemoveModuleVersion "$next" -Confirm:$false
        $undo.Step | Should -Be @('MaintenanceOn', 'RestoreMetadata', 'RestoreDatabase', 'RemoveModuleVersion', 'MaintenanceOff')
        $undo.Status | Sort-Object -Unique | Should -Be 'Succeeded'
        Get-CatalogChecksums $database | Should -Be $catalog
        Get-FileHashes $metadata | Should -Be $files
        (Get-ChildItem (Join-Path $moduleRoot 'ArchiveImport')).Name | Should -Be "$current"
        (Get-ArchiveMaintenance).Enabled | Should -BeFalse
    }
}
