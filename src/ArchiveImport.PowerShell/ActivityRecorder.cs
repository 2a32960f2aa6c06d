using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using ArchiveImport.Core;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.PowerShell;

/// <summary>
/// What one invocation of a state-changing cmdlet did, gathered as it runs and written as one activity row when it
/// ends: the targets it was given record by record, the first error it reported, whether it was stopped, how long it took.
/// Holds no Core type in a field: this assembly's types load before Core can be resolved.
/// </summary>
internal sealed class ActivityRecorder
{
    /// <summary>The parameters that name what a cmdlet acts on, in the order a target lists them.</summary>
    private static readonly string[] TargetParameters = ["Artist", "Id", "Path", "Date"];

    private readonly Stopwatch elapsed = Stopwatch.StartNew();
    private readonly List<string> targets = [];
    private readonly List<string> artists = [];
    private string? firstErrorId;
    private string? firstErrorMessage;
    private int errors;
    private int questions;
    private int declined;
    private string? failureId;
    private string? failureMessage;

    public bool Written { get; private set; }

    /// <summary>Gives up on the row (there is nowhere to write it), so no later way out tries again.</summary>
    public void MarkWritten() => Written = true;

    /// <summary>Adds the values bound to the target parameters for this record (pipeline input binds them anew each time).</summary>
    public void NoteTargets(IDictionary<string, object> boundParameters)
    {
        foreach (var name in TargetParameters)
        {
            if (!boundParameters.TryGetValue(name, out var value) || value is null)
            {
                continue;
            }

            foreach (var text in Values(value))
            {
                if (!targets.Contains(text))
                {
                    targets.Add(text);
                }

                if (name == "Artist" && !artists.Contains(text))
                {
                    artists.Add(text);
                }
            }
        }
    }

    /// <summary>One answer to a ShouldProcess question (always yes without -Confirm, unless the impact asks).</summary>
    public void NoteAnswer(bool yes)
    {
        questions++;
        if (!yes)
        {
            declined++;
        }
    }

    /// <summary>The error that ended the command: it is the one the row names, whatever was reported before it.</summary>
    public void NoteFailure(ErrorRecord record, string message)
    {
        failureId ??= ErrorId(record);
        failureMessage ??= message;
    }

    public void NoteError(ErrorRecord record, string message)
    {
        errors++;
        if (firstErrorId is null)
        {
            firstErrorId = ErrorId(record);
            firstErrorMessage = message;
        }
    }

    /// <summary>
    /// Writes the row, once. <paramref name="stopped"/> is why the work stopped, if it did (failed or cancelled, with the
    /// message the runs end with); <paramref name="failure"/> the error that ended it, if any. Without either, an error
    /// reported on the way makes it Failed, and otherwise it Succeeded.
    /// </summary>
    public void Write(ArchiveServices services, string command, string? target, StopReason? stopped, ErrorRecord? failure)
    {
        if (Written)
        {
            return;
        }

        Written = true;
        var duration = elapsed.Elapsed;
        if (failure is not null)
        {
            NoteFailure(failure, stopped?.Message ?? failure.Exception.Message);
        }

        var outcome = failureId is not null ? ActivityOutcome.Failed : stopped?.Status switch
        {
            RunStatus.Cancelled => ActivityOutcome.Cancelled,
            RunStatus.Failed => ActivityOutcome.Failed,
            _ when errors > 0 => ActivityOutcome.Failed,
            _ when questions > 0 && declined == questions => ActivityOutcome.Skipped,
            _ => ActivityOutcome.Succeeded,
        };
        var errorId = failureId ?? firstErrorId ?? "CommandFailed";
        var message = outcome switch
        {
            ActivityOutcome.Skipped => $"Answered No to every confirmation ({questions}): nothing was changed.",
            ActivityOutcome.Succeeded when declined > 0 => $"Answered No to {declined} of {questions} confirmations: those were left as they were.",
            ActivityOutcome.Succeeded => "",
            _ when failureMessage is not null => failureMessage,
            _ when stopped is not null => stopped.Message,
            _ when errors > 1 => $"{firstErrorMessage} (and {errors - 1} more error(s))",
            _ => firstErrorMessage ?? "",
        };
        var artist = artists.Count == 1 ? services.ResolveArtistName(artists[0]) ?? artists[0] : null;
        services.Activity.Record(new ActivityEntry(services.Now - duration, outcome == ActivityOutcome.Failed ? "error" : "info", "command_" + outcome.ToLowerInvariant(), message)
        {
            Command = command,
            Target = target ?? (targets.Count > 0 ? string.Join(", ", targets) : services.Database.Target.Display),
            Outcome = outcome,
            Duration = duration,
            Artist = artist,
            ErrorId = outcome == ActivityOutcome.Failed ? errorId : null,
        });
    }

    /// <summary>The id the cmdlet gave its error ("CatalogUnavailable"), without the command name the engine appends.</summary>
    private static string ErrorId(ErrorRecord record)
    {
        var id = record.FullyQualifiedErrorId ?? "";
        var comma = id.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? id : id[..comma];
    }

    private static IEnumerable<string> Values(object value)
    {
        var unwrapped = value is PSObject wrapped ? wrapped.BaseObject : value;
        var items = unwrapped is IEnumerable many and not string ? many.Cast<object?>() : [unwrapped];
        foreach (var item in items)
        {
            var text = item switch
            {
                PSObject { BaseObject: DateTime day } => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTime day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => Convert.ToString(item, CultureInfo.InvariantCulture),
            };
            if (!string.IsNullOrEmpty(text))
            {
                yield return text;
            }
        }
    }
}
