using System.Management.Automation;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Invoke, "ArchivePopulate", SupportsShouldProcess = true)]
[OutputType(typeof(PopulateResult))]
public sealed class InvokeArchivePopulateCommand : ArchiveCmdlet, IDisposable
{
    private readonly Dictionary<string, PopulateSession> sessions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> populated = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> stoppedArtists = new(StringComparer.OrdinalIgnoreCase);
    private bool completed;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtistNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Artist { get; set; } = [];

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Identifier { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Limit { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Bound from Invoke-ArchiveDownload's results, so shows that failed to download or cannot be imported are passed over.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public object? Status { get; set; }

    protected override void ProcessRecord()
    {
        if (Status?.ToString() is nameof(DownloadStatus.Failed) or nameof(DownloadStatus.NotImportable))
        {
            WriteVerbose($"Passing over {string.Join(", ", Identifier ?? [])}: its download was {Status}.");
            return;
        }

        foreach (var artist in Artist)
        {
            PopulateArtist(artist);
        }
    }

    protected override void EndProcessing()
    {
        CompleteSessions(cancelled: false);
    }

    public void Dispose()
    {
        // Reached without EndProcessing when the pipeline was stopped (Ctrl+C) or failed.
        CompleteSessions(cancelled: true);
        foreach (var session in sessions.Values)
        {
            session.Dispose();
        }
    }

    private void PopulateArtist(string artist)
    {
        if (stoppedArtists.Contains(artist))
        {
            return;
        }

        var identifiers = Identifier is { Length: > 0 } named ? named : AllDownloaded(artist);
        if (identifiers is null)
        {
            return;
        }

        var reporter = new DirectReporter(this, ActivityIds.Populate);
        for (var i = 0; i < identifiers.Count; i++)
        {
            var identifier = identifiers[i];
            populated.TryGetValue(artist, out var done);
            if (Limit > 0 && done >= Limit)
            {
                break;
            }

            if (!ShouldProcess($"{identifier} ({artist})", "Populate the catalog"))
            {
                populated[artist] = done + 1; // -WhatIf previews as many shows as -Limit would populate
                continue;
            }

            var session = SessionFor(artist);
            if (session is null)
            {
                return;
            }

            if (session.StopRequested())
            {
                WriteWarning($"Run {session.RunId} for '{artist}' was asked to stop; it ends as cancelled.");
                stoppedArtists.Add(artist);
                session.Complete(cancelled: true);
                return;
            }

            if (identifiers.Count > 1)
            {
                reporter.Progress(new JobProgress(PopulateSession.Activity, $"{artist}: {i + 1} of {identifiers.Count}", 100 * i / identifiers.Count, identifier));
            }

            WriteObject(session.Populate(identifier, Force, reporter));
            populated[artist] = done + 1;
        }

        if (identifiers.Count > 1)
        {
            reporter.ProgressCompleted(PopulateSession.Activity);
        }
    }

    private IReadOnlyList<string>? AllDownloaded(string artist)
    {
        try
        {
            var config = Services.RequireArtist(artist);
            return Services.Artists.Find(config.Name) is { } id
                ? Services.ShowMetadata.ForArtist(id, ShowMetadataStatus.Downloaded).Select(r => r.Identifier).ToList()
                : [];
        }
        catch (Exception ex) when (TryWriteArtistProblem(ex, artist))
        {
            return null;
        }
    }

    private PopulateSession? SessionFor(string artist)
    {
        if (sessions.TryGetValue(artist, out var session))
        {
            return session;
        }

        try
        {
            session = PopulateSession.Start(Services, artist);
            WriteVerbose($"Run {session.RunId}: populating '{session.Artist.Name}'.");
            sessions[artist] = session;
            return session;
        }
        catch (Exception ex) when (TryWriteArtistProblem(ex, artist))
        {
            stoppedArtists.Add(artist);
            return null;
        }
    }

    private void CompleteSessions(bool cancelled)
    {
        if (completed)
        {
            return;
        }

        completed = true;
        foreach (var (artist, session) in sessions)
        {
            if (stoppedArtists.Contains(artist))
            {
                continue;
            }

            var run = session.Complete(cancelled);
            if (!cancelled)
            {
                WriteVerbose($"Run {run.Id} {run.Status}: {run.ShowsProcessed} shows, {run.TracksProcessed} tracks, {run.ShowsFailed} failed.");
            }
        }
    }
}
