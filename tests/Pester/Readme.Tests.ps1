# The README's "Using the module from pwsh" section, run as written: the build steps are what this suite's own run
# (build.ps1 -Task Pester) has just done, so they are checked to be there and everything after them runs verbatim in a
# fresh pwsh, in a scratch folder, against the fake archive.org.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestEnvironment.psm1') -Force
    $fake = Start-FakeArchive
    $readme = Get-Content (Get-RepoPath 'README.md') -Raw
    $section = [regex]::Match($readme, '(?s)## Using the module from pwsh.*?```powershell\r?\n(.*?)```').Groups[1].Value
    $lines = $section -split '\r?\n' | Where-Object { $_.Trim() }
}

AfterAll {
    Stop-TestServer $fake
}

Describe 'README: using the module from pwsh' {
    It 'starts by building the package with build.ps1' {
        $section | Should -Not -BeNullOrEmpty
        $lines[0] | Should -Match '^\./build\.ps1 -Task Package'
    }

    It 'runs the rest as written and shows the shows, the unmatched titles, the health and the help' {
        $work = New-TestHome $fake.Url
        $user = Join-Path $work 'user'
        try {
            # The README copies out/ArchiveImport into the operator's own modules folder: a scratch HOME holds it here.
            New-Item -ItemType Directory (Join-Path $work 'out') | Out-Null
            Copy-Item (Get-TestPackage) (Join-Path $work 'out/ArchiveImport') -Recurse
            $script = ($lines | Select-Object -Skip 1) -join "`n"
            $environment = @{ HOME = $user; XDG_DATA_HOME = "$user/.local/share"; PSModulePath = ''; ARCHIVEIMPORT_ARCHIVE_URL = $fake.Url }
            $child = Invoke-ChildPwsh -WorkingDirectory $work -Environment $environment -Script $script -AsTyped
            $child.ExitCode | Should -Be 0 -Because $child.Errors
            $child.Errors | Should -BeNullOrEmpty
            $child.Output | Should -Match 'gd73-06-10\.sbd\.hollister\.174\.sbeok\.shnf'
            $child.Output | Should -Match 'Populated'
            $child.Output | Should -Match 'database\s+Pass'
            $child.Output | Should -Match 'EXAMPLE 1'
            Join-Path $user '.local/share/powershell/Modules/ArchiveImport/ArchiveImport.psd1' | Should -Exist
        }
        finally { Remove-TestHome $work }
    }
}
