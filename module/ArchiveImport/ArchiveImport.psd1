@{
    RootModule           = 'ArchiveImport.PowerShell.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    GUID                 = '5d0c7a52-3f0e-4b7e-9a43-1c2f6c9e8a11'
    Author               = 'ArchiveImport'
    CompanyName          = 'ArchiveImport'
    Copyright            = '(c) ArchiveImport. All rights reserved.'
    Description          = 'Imports live-concert recordings from the Internet Archive into a catalog, matches track titles to songs, and operates the import in production.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('ArchiveImport.format.ps1xml')
    CmdletsToExport      = @(
        'Invoke-ArchiveDownload'
        'Invoke-ArchivePopulate'
        'Invoke-ArchiveImportWorker'
        'Get-ArchiveUnmatched'
        'Get-ArchiveHealth'
        'Stop-ArchiveImport'
        'Get-ArchiveImportRun'
        'Update-ArchiveDatabase'
        'Get-ArchiveTrackMatch'
        'Measure-ArchiveMatching'
        'Add-ArchiveTrackAlias'
        'New-ArchiveArtistConfig'
        'Backup-ArchiveDatabase'
        'Restore-ArchiveDatabase'
        'Enable-ArchiveMaintenance'
        'Disable-ArchiveMaintenance'
        'Get-ArchiveMaintenance'
        'Watch-ArchiveImport'
        'Get-ArchiveStatus'
        'Remove-ArchiveImportRun'
        'Backup-ArchiveMetadata'
        'Restore-ArchiveMetadata'
        'Update-ArchiveDailyMetric'
        'Get-ArchiveDailyMetric'
        'Export-ArchiveDashboard'
        'Export-ArchiveHealth'
        'Get-ArchiveLog'
        'Remove-ArchiveLog'
        'Get-ArchiveActivity'
        'Write-ArchiveActivity'
        'Move-ArchiveMetadata'
        'Compress-ArchiveMetadata'
        'Get-ArchiveAliasSuggestion'
        'Get-ArchiveShow'
        'Get-ArchiveRecording'
        'Get-ArchiveTrack'
        'Get-ArchiveSong'
        'Set-ArchiveRecordingPreference'
        'Get-ArchiveArtwork'
        'Set-ArchiveArtworkOverride'
        'Remove-ArchiveArtworkOverride'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('archive.org', 'etree', 'import', 'catalog', 'Linux', 'MacOS', 'Windows')
            ProjectUri   = 'https://github.com/archiveimport/archiveimport'
            LicenseUri   = 'https://github.com/archiveimport/archiveimport/blob/main/LICENSE'
            ReleaseNotes = 'Runs in a real pwsh 7.6+: dependencies load in a private assembly load context (no clashes with other modules), native SQLite for linux-x64, linux-arm64, osx-x64, osx-arm64 and win-x64. Stopping a pipeline early ends its run and frees its lock. Times are UTC. See docs/RUNBOOK.md.'

        }
    }
}
