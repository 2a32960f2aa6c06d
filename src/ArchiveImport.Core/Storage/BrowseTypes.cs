namespace ArchiveImport.Core.Storage;

/// <summary>
/// One recording of a concert: an archive.org item as the catalog holds it. <see cref="Date"/> is yyyy-MM-dd text, so
/// CSV and JSON carry the date itself in one form.
/// </summary>
public sealed class Recording
{
    public string Artist { get; init; } = "";
    public string Identifier { get; init; } = "";
    public string? Date { get; init; }
    public string? Venue { get; init; }
    public string? City { get; init; }
    public string? Region { get; init; }

    /// <summary>SBD, Matrix, FM, AUD or Unknown (ArchiveImport.Core.Metadata.SourceType).</summary>
    public string SourceType { get; init; } = "";
    public string? Source { get; init; }
    public string? Taper { get; init; }
    public string? Transferer { get; init; }
    public string? Lineage { get; init; }
    public string AudioFormat { get; init; } = "";
    public double? Rating { get; init; }
    public int? Reviews { get; init; }
    public long? Downloads { get; init; }
    public int TrackCount { get; init; }
    public TimeSpan? Duration { get; init; }

    /// <summary>Matched tracks as a percentage of matched and unmatched ones (ignored tracks left out), as artist status counts it.</summary>
    public decimal MatchRate { get; init; }
    public bool IsPreferred { get; init; }
    public bool PreferredByOperator { get; init; }

    /// <summary>The item's archive.org page.</summary>
    public string Url { get; init; } = "";

    /// <summary>"gd77-05-08.sbd… (SBD)": how a concert's list shows its Preferred and Recordings.</summary>
    public override string ToString() => $"{Identifier} ({SourceType})";
}

/// <summary>One concert (an artist's show on one date) with its recordings; the figures are its preferred recording's.</summary>
public sealed class Concert
{
    public string Artist { get; init; } = "";
    public string? Date { get; init; }
    public string? Venue { get; init; }
    public string? City { get; init; }
    public string? Region { get; init; }

    /// <summary>The preferred recording's identifier: what Get-ArchiveTrack takes from the pipeline.</summary>
    public string Identifier { get; init; } = "";
    public string SourceType { get; init; } = "";
    public string? Taper { get; init; }
    public string? Transferer { get; init; }
    public string? Lineage { get; init; }
    public int TrackCount { get; init; }
    public TimeSpan? Duration { get; init; }
    public decimal MatchRate { get; init; }
    public string Url { get; init; } = "";
    public int RecordingCount => Recordings.Count;
    public Recording Preferred { get; init; } = new();
    public IReadOnlyList<Recording> Recordings { get; init; } = [];
}

/// <summary>One song segment of a track: "Scarlet Begonias &gt; Fire on the Mountain" is two.</summary>
public sealed class TrackSong
{
    /// <summary>The canonical song, or null when the segment matched none (or is a non-song such as tuning).</summary>
    public string? Song { get; init; }
    public string Text { get; init; } = "";
    public string MatchMethod { get; init; } = "";

    /// <summary>Whether this song runs into the next one without a break.</summary>
    public bool Segue { get; init; }

    public override string ToString() => (Song ?? Text) + (Segue ? " >" : "");
}

/// <summary>One track of a recording, with what it holds and where to stream it.</summary>
public sealed class ConcertTrack
{
    public string Artist { get; init; } = "";
    public string Identifier { get; init; } = "";
    public string? Date { get; init; }
    public int Position { get; init; }
    public int? Disc { get; init; }
    public int? TrackNumber { get; init; }
    public string? Title { get; init; }
    public IReadOnlyList<TrackSong> Songs { get; init; } = [];

    /// <summary>Whether the track runs into the next one.</summary>
    public bool Segue { get; init; }
    public TimeSpan? Duration { get; init; }
    public string Format { get; init; } = "";
    public string FileName { get; init; } = "";

    /// <summary>archive.org's download path of the file, from the configured archive URL.</summary>
    public string StreamUrl { get; init; } = "";

    /// <summary>How the track's songs were matched: one method, or each segment's in order joined by '+'.</summary>
    public string MatchMethod { get; init; } = "";
}

/// <summary>A song's history across an artist's concerts (each concert counts once, whatever its recordings).</summary>
public sealed class SongHistory
{
    public string Artist { get; init; } = "";
    public string Song { get; init; } = "";
    public int TimesPlayed { get; init; }
    public string? FirstPlayed { get; init; }
    public string? LastPlayed { get; init; }

    /// <summary>Over the concerts where the song's length is known: tracks holding that song alone, in the recording used.</summary>
    public TimeSpan? AverageLength { get; init; }
    public TimeSpan? LongestLength { get; init; }
    public string? LongestDate { get; init; }

    /// <summary>The artist's concerts (in the catalog, dated) after the last one where the song was played.</summary>
    public int CurrentGap { get; internal set; }

    /// <summary>The dates of the concerts where it was played, oldest first.</summary>
    public IReadOnlyList<string> Shows { get; init; } = [];
}

/// <summary>What Get-ArchiveShow and Get-ArchiveRecording look for; every given part must hold.</summary>
public sealed record ShowQuery(
    IReadOnlyList<string>? Artists = null, int? Year = null, int? Month = null, string? Venue = null, string? Identifier = null,
    string? Song = null, string? Source = null);

/// <summary>What Get-ArchiveTrack looks for: a recording's tracks, or the tracks of the preferred recordings (with a song).</summary>
public sealed record TrackQuery(IReadOnlyList<string>? Artists = null, string? Identifier = null, string? Song = null);
