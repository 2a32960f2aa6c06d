# The scheduling examples (deployment/scheduling) run as written: each example's own command line, read from its file,
# with only the install paths replaced (the home, and archive-import by this pwsh with the package on PSModulePath,
# which is what archive-import is). A healthy home exits 0 and alerts no one; a failing one exits non-zero (systemd,
# Task Scheduler) or prints the alert cron mails.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestEnvironment.psm1') -Force
    Add-PackageToModulePath
    $scheduling = Get-RepoPath 'deployment/scheduling'
    $fake = Start-FakeArchive

    $bin = New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) ('aipester-bin-' + [guid]::NewGuid().ToString('N').Substring(0, 8)))
    $archiveImport = Join-Path $bin 'archive-import'
    Set-Content $archiveImport "#!/bin/sh`nexec dotnet '$(Join-Path $PSHOME 'pwsh.dll')' -NoProfile -NonInteractive `"`$@`""
    chmod +x $archiveImport

    function New-ScheduledHome([string] $ArchiveUrl) {
        $path = New-TestHome $ArchiveUrl
        Copy-Item (Get-RepoPath 'deployment') (Join-Path $path 'deployment') -Recurse
        $path
    }

    # Runs a command line as a shell would (cron and systemd split it the same way for these lines).
    function Invoke-Line([string] $Line, [string] $HomePath) {
        $command = $Line.Replace('/srv/archiveimport', $HomePath).Replace('/opt/archiveimport/archive-import', $archiveImport)
        $start = [Diagnostics.ProcessStartInfo]::new('/bin/sh')
        $start.ArgumentList.Add('-c')
        $start.ArgumentList.Add($command)
        $start.WorkingDirectory = $HomePath
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.Environment['PSModulePath'] = (Split-Path (Get-TestPackage) -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath
        $start.Environment['NO_COLOR'] = '1'
        $process = [Diagnostics.Process]::Start($start)
        $output = $process.StandardOutput.ReadToEndAsync()
        $errors = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(300000)) { $process.Kill($true); throw "Did not finish within 300 s: $command" }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $output.Result; Errors = $errors.Result }
    }

    $cron = @(Get-Content (Join-Path $scheduling 'crontab') | Where-Object { $_ -match '^[^#].*archive-import' } |
        ForEach-Object { ($_ -split '\s+', 6)[5] })
    $execStart = (Get-Content (Join-Path $scheduling 'archiveimport-import.service') | Where-Object { $_ -like 'ExecStart=*' }) -replace '^ExecStart=', ''
    $task = [xml](Get-Content (Join-Path $scheduling 'ArchiveImport-ScheduledImport.xml') -Raw)
    # Task Scheduler runs Command with Arguments; on Linux the Windows path separators become '/'.
    $taskLine = '/opt/archiveimport/archive-import ' + $task.Task.Actions.Exec.Arguments.Replace('\', '/')
}

AfterAll {
    Stop-TestServer $fake
    Remove-Item $bin -Recurse -Force -ErrorAction Ignore
}

Describe 'Scheduling examples on a healthy home' {
    BeforeAll { $testHome = New-ScheduledHome $fake.Url }
    AfterAll { Remove-TestHome $testHome }

    It 'reads two cron lines, the systemd ExecStart and the Task Scheduler action' {
        $cron.Count | Should -Be 2
        $execStart | Should -BeLike '/opt/archiveimport/archive-import -File deployment/Invoke-ScheduledImport.ps1 *'
        $task.Task.Actions.Exec.Command | Should -BeLike '*archive-import.exe'
    }

    It 'the systemd ExecStart exits 0' {
        $run = Invoke-Line $execStart $testHome
        $run.ExitCode | Should -Be 0 -Because $run.Errors
    }

    It 'each cron line exits 0 and prints nothing, so cron mails no one' {
        foreach ($line in $cron) {
            $run = Invoke-Line $line $testHome
            $run.ExitCode | Should -Be 0
            $run.Output | Should -BeNullOrEmpty -Because (Get-Content (Join-Path $testHome 'var/*.log') -Raw)
        }
    }

    It 'the Task Scheduler action exits 0' {
        $run = Invoke-Line $taskLine $testHome
        $run.ExitCode | Should -Be 0 -Because $run.Errors
    }
}

Describe 'Scheduling examples when archive.org cannot be reached' {
    BeforeAll { $testHome = New-ScheduledHome 'http://127.0.0.1:9/' }
    AfterAll { Remove-TestHome $testHome }

    It 'the systemd ExecStart exits non-zero, so systemd starts OnFailure=' {
        (Invoke-Line $execStart $testHome).ExitCode | Should -Not -Be 0
    }

    It 'the Task Scheduler action exits non-zero' {
        (Invoke-Line $taskLine $testHome).ExitCode | Should -Not -Be 0
    }

    It 'each cron line prints its alert, which cron mails to MAILTO' {
        $import, $health = $cron
        (Invoke-Line $import $testHome).Output | Should -BeLike 'ArchiveImport: the scheduled import failed (exit 1)*'
        (Invoke-Line $health $testHome).Output | Should -BeLike 'ArchiveImport: a health check failed (exit 1)*'
    }
}
