<#
.SYNOPSIS
    Runs a deployment phase as a list of steps, each with the way to take it (Do) and the way to take it back (Undo).
.DESCRIPTION
    The phase scripts in this folder (Deploy-*.ps1, Undo-Deployment.ps1, Remove-OldDeployment.ps1) describe their
    steps with New-DeploymentStep and hand them to Invoke-DeploymentPhase, which:
    - asks ShouldProcess for each step, so -WhatIf reports every step as WhatIf and runs none of them;
    - returns one ArchiveImport.DeploymentStep object per step (Phase, Step, Status, Duration, Detail);
    - records each step in the catalog's activity log through Write-ArchiveActivity;
    - when a step fails, undoes that step and every step taken before it, newest first, and reports each undo.
    The failed step's own Undo runs too, because a step can fail after doing part of its work (a migration that
    created some tables); every Undo must therefore be safe to run whether its Do finished or not.
#>

Set-StrictMode -Version 3.0

function New-DeploymentStep {
    <#
    .SYNOPSIS
        One step of a phase: its name, what it acts on, and the scriptblocks that take it and take it back.
    .PARAMETER Name
        The step's name as results and the activity log show it (e.g. 'Backup', 'Migrate').
    .PARAMETER Target
        What the step acts on, for ShouldProcess and the activity log (a database, a folder, a module version).
    .PARAMETER Do
        Takes the step. Receives the phase's state (a hashtable the steps share) as its only argument and puts there
        what its Undo or a later step needs. The strings it returns become the step's Detail, other objects its
        Output. Throws to fail.
    .PARAMETER Undo
        Takes the step back. Receives the same state; returns a detail string. Omit it for a step that changes nothing.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $Target,
        [Parameter(Mandatory)] [scriptblock] $Do,
        [scriptblock] $Undo
    )

    [pscustomobject]@{ PSTypeName = 'ArchiveImport.DeploymentStepDefinition'; Name = $Name; Target = $Target; Do = $Do; Undo = $Undo }
}

function Invoke-DeploymentPhase {
    <#
    .SYNOPSIS
        Takes a phase's steps in order; on a failure undoes the steps taken, newest first.
    .PARAMETER Phase
        The phase's name (the script's name, e.g. 'Deploy-Database'); the activity log's command.
    .PARAMETER Step
        The steps, from New-DeploymentStep, in the order they are taken.
    .PARAMETER State
        The hashtable the steps share (a Do puts what its Undo or a later step needs there).
    .PARAMETER ArchiveParameters
        -HomePath / -Database for Write-ArchiveActivity, the same the script passes to every ArchiveImport cmdlet.
    .OUTPUTS
        ArchiveImport.DeploymentStep: one per step taken, skipped or undone. When a step failed, an error naming it
        and saying whether the rollback succeeded follows the results.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('ArchiveImport.DeploymentStep')]
    param(
        [Parameter(Mandatory)] [string] $Phase,
        [Parameter(Mandatory)] [object[]] $Step,
        [hashtable] $State = @{},
        [hashtable] $ArchiveParameters = @{}
    )

    $taken = [System.Collections.Generic.List[object]]::new()
    $failure = $null
    foreach ($current in $Step) {
        if ($failure) {
            New-StepResult $Phase $current.Name 'Skipped' ([timespan]::Zero) "Not run: $($failure.Step) failed."
            continue
        }

        if (-not $PSCmdlet.ShouldProcess($current.Target, "${Phase}: $($current.Name)")) {
            $status = $WhatIfPreference ? 'WhatIf' : 'Skipped'
            New-StepResult $Phase $current.Name $status ([timespan]::Zero) ($WhatIfPreference ? 'Would run.' : 'Declined.')
            continue
        }

        $taken.Add($current)
        $result = Invoke-StepBlock $Phase $current.Name $current.Do $State 'Succeeded'
        if ($result.Status -eq 'Failed') {
            $failure = $result
            $undone = @(Undo-DeploymentSteps $Phase $taken $State)
            # Written after the undo: a restore in it would put back the activity log as it was before the phase.
            foreach ($record in @($result) + $undone) {
                Write-StepActivity $record $ArchiveParameters
                $record
            }
            continue
        }

        Write-StepActivity $result $ArchiveParameters
        $result
    }

    if ($failure) {
        $rollback = ($undone | Where-Object Status -eq 'UndoFailed') ? 'the rollback did NOT complete (see the UndoFailed steps)' : 'the rollback succeeded'
        $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                [System.InvalidOperationException]::new(
                    "$Phase failed at step $($failure.Step): $($failure.Detail) Steps taken before it were undone; $rollback. " +
                    'Fix the cause and run the phase again.'),
                'DeploymentStepFailed', [System.Management.Automation.ErrorCategory]::InvalidOperation, $failure.Step))
    }
}

function Undo-DeploymentSteps([string] $Phase, [object[]] $Taken, [hashtable] $State) {
    for ($i = $Taken.Count - 1; $i -ge 0; $i--) {
        if ($Taken[$i].Undo) {
            Invoke-StepBlock $Phase $Taken[$i].Name $Taken[$i].Undo $State 'Undone'
        }
    }
}

function Invoke-StepBlock([string] $Phase, [string] $Name, [scriptblock] $Block, [hashtable] $State, [string] $SuccessStatus) {
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        $output = @(& $Block $State)
        $detail = ($output | Where-Object { $_ -is [string] }) -join ' '
        New-StepResult $Phase $Name $SuccessStatus $clock.Elapsed $detail @($output | Where-Object { $_ -isnot [string] })
    }
    catch {
        $status = $SuccessStatus -eq 'Undone' ? 'UndoFailed' : 'Failed'
        New-StepResult $Phase $Name $status $clock.Elapsed $_.Exception.Message $null $_
    }
}

function New-StepResult([string] $Phase, [string] $Name, [string] $Status, [timespan] $Duration, [string] $Detail, [object[]] $Output, $ErrorRecord) {
    $result = [pscustomobject]@{
        PSTypeName = 'ArchiveImport.DeploymentStep'
        Phase      = $Phase
        Step       = $Name
        Status     = $Status
        Duration   = $Duration
        Detail     = $Detail
        Output     = $Output
        Error      = $ErrorRecord
    }
    $result.PSObject.TypeNames.Insert(0, 'ArchiveImport.DeploymentStep')
    $result
}

function Write-StepActivity($Result, [hashtable] $ArchiveParameters) {
    $outcome, $level = switch ($Result.Status) {
        'Failed' { 'Failed', 'error' }
        'UndoFailed' { 'Failed', 'error' }
        'Undone' { 'Undone', 'warning' }
        default { $Result.Status, 'info' }
    }
    try {
        Write-ArchiveActivity -Command $Result.Phase -Target $Result.Step -Outcome $outcome -Duration $Result.Duration `
            -Message $Result.Detail -Level $level -ErrorAction Stop @ArchiveParameters
    }
    catch {
        # The step's result still reaches the caller; only its record in the catalog is missing.
        Write-Warning "Could not record $($Result.Phase) step $($Result.Step) ($($Result.Status)) in the activity log: $($_.Exception.Message)"
    }
}

function Get-ArchiveParameters([string] $HomePath, [string] $Database) {
    <#
    .SYNOPSIS
        The -HomePath / -Database pair a phase script passes to every ArchiveImport cmdlet (only those given).
    #>
    $parameters = @{}
    if ($HomePath) { $parameters.HomePath = $HomePath }
    if ($Database) { $parameters.Database = $Database }
    $parameters
}

Export-ModuleMember -Function New-DeploymentStep, Invoke-DeploymentPhase, Get-ArchiveParameters
