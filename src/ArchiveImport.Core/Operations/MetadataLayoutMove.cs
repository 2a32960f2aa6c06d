using System.Security.Cryptography;
using System.Text;
using ArchiveImport.Core.ArchiveOrg;
using ArchiveImport.Core.Imports;
using ArchiveImport.Core.Metadata;
using ArchiveImport.Core.Storage;

namespace ArchiveImport.Core.Operations;

/// <summary>
/// Brings a flat metadata folder (the older system's metadata/&lt;identifier&gt;.json) into the per-artist layout
/// (&lt;metadata&gt;/&lt;Artist&gt;/&lt;identifier&gt;.json) without losing a byte. Before anything moves, every file's size
/// and SHA-256 go into the journal (<see cref="MetadataMoveJournal"/>). Each move copies to a temporary name beside the
/// target, flushes, checks the hash, renames, points the catalog's file_path there, and only then removes the source,
/// all under the artist's import locks. Killed at any moment, the next run finishes from the journal.
/// </summary>
public sealed class MetadataLayoutMove(ArchiveServices services)
{
    /// <param name="folder">The flat folder; its *.json files directly inside are moved.</param>
    /// <param name="artist">Only this artist's files (and no unplaced ones); null for all.</param>
    /// <param name="proceed">Asked for each file before it moves (ShouldProcess); false leaves it, as -WhatIf does.</param>
    public MetadataMoveResult Move(string folder, string? artist, ProceedDecision proceed)
    {
        folder = Path.GetFullPath(folder);
        if (!Directory.Exists(folder))
        {
            throw new MetadataMoveException($"There is no folder {folder} to move metadata from. Give the flat folder with -Path.");
        }

        var journal = MetadataMoveJournal.TryRead(folder);
        var resumed = journal is not null;
        var plan = journal?.Entries ?? Plan(folder, artist);
        var approved = plan.Where(e => e.Target is not null && proceed(e.Source, resumed ? $"Finish moving to {e.Target}" : $"Move to {e.Target}"))
            .Select(e => e.Identifier).ToHashSet(StringComparer.Ordinal);
        if (approved.Count > 0 && journal is null)
        {
            new MetadataMoveJournal(services.Now, plan).Write(folder);
        }

        var items = new List<MetadataMoveItem>();
        foreach (var group in plan.GroupBy(e => e.Artist))
        {
            items.AddRange(group.Key is null
                ? group.Select(e => Item(e, MetadataMoveOutcome.Unplaced, $"{e.Placement}. Add the artist's config (its collection) or download the show with Invoke-ArchiveDownload, then run Move-ArchiveMetadata again"))
                : MoveArtist(group.Key, group.ToList(), approved));
        }

        if (approved.Count > 0 && items.All(i => i.Outcome is not (MetadataMoveOutcome.NotMoved or MetadataMoveOutcome.Failed)))
        {
            MetadataMoveJournal.Remove(folder);
        }

        return new MetadataMoveResult(folder, resumed, items.OrderBy(i => i.Identifier, StringComparer.Ordinal).ToList(), Prove(plan, items));
    }

    private List<MetadataMoveEntry> Plan(string folder, string? onlyArtist)
    {
        var placement = new MetadataPlacement(services);
        var entries = new List<MetadataMoveEntry>();
        foreach (var source in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var identifier = Path.GetFileNameWithoutExtension(source);
            if (identifier.StartsWith('.'))
            {
                continue; // the journal itself
            }

            var (bytes, sha256) = Hash(source);
            var (artist, why) = ArchiveIdentifier.IsValid(identifier)
                ? placement.ArtistOf(identifier, source)
                : (null, $"{identifier} is not an archive.org identifier");
            string? target = null;
            if (artist is not null)
            {
                try
                {
                    target = services.MetadataFiles.PathFor(artist, identifier);
                }
                catch (ArgumentException ex)
                {
                    (artist, why) = (null, ex.Message.TrimEnd('.'));
                }
            }

            if (onlyArtist is not null && !string.Equals(artist, onlyArtist, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            entries.Add(new MetadataMoveEntry(identifier, source, bytes, sha256, artist, target, why));
        }

        return entries;
    }

    private IEnumerable<MetadataMoveItem> MoveArtist(string artist, List<MetadataMoveEntry> entries, HashSet<string> approved)
    {
        var asked = entries.Where(e => approved.Contains(e.Identifier)).ToList();
        var items = entries.Where(e => !approved.Contains(e.Identifier)).Select(e => Item(e, MetadataMoveOutcome.NotMoved, null)).ToList();
        if (asked.Count == 0)
        {
            return items;
        }

        var (locks, busy) = ArtistImportLocks.TryHold(services, artist, "Move-ArchiveMetadata");
        if (busy is not null)
        {
            items.AddRange(asked.Select(e => Item(e, MetadataMoveOutcome.NotMoved, busy + " (the journal keeps the rest of the move)")));
            return items;
        }

        using (locks)
        {
            services.MetadataFiles.RemoveLeftovers(artist); // a killed move's temporary copy
            items.AddRange(asked.Select(MoveOne));
        }

        return items;
    }

    private MetadataMoveItem MoveOne(MetadataMoveEntry entry)
    {
        var target = entry.Target!;
        var sourceExists = File.Exists(entry.Source);
        try
        {
            if (File.Exists(target))
            {
                if (Hash(target).Sha256 != entry.Sha256)
                {
                    return sourceExists
                        ? Item(entry, MetadataMoveOutcome.Conflict, $"{target} already holds a different file; both are kept. Compare them, remove the one that is wrong, and run Move-ArchiveMetadata again")
                        : Item(entry, MetadataMoveOutcome.Failed, $"{entry.Source} is gone and {target} is not the file the journal recorded; restore it from a backup");
                }

                services.ShowMetadata.SetFilePath(entry.Identifier, target);
                if (!sourceExists)
                {
                    return Item(entry, MetadataMoveOutcome.Moved, null); // moved before a kill; the source was already removed
                }

                if (Hash(entry.Source).Sha256 != entry.Sha256)
                {
                    return Item(entry, MetadataMoveOutcome.Failed, $"{entry.Source} changed since the move began; it is kept. Run Move-ArchiveMetadata again once nothing writes there");
                }

                File.Delete(entry.Source);
                return Item(entry, MetadataMoveOutcome.AlreadyInPlace, null);
            }

            if (!sourceExists)
            {
                return Item(entry, MetadataMoveOutcome.Failed, $"{entry.Source} is gone and {target} does not exist: something else removed it since the move began; restore it from a backup");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temporary = $"{target}.{Guid.NewGuid():N}{AtomicFile.TemporarySuffix}";
            try
            {
                if (CopyFlushed(entry.Source, temporary) != entry.Sha256)
                {
                    return Item(entry, MetadataMoveOutcome.Failed, $"{entry.Source} changed since the move began; it is kept. Run Move-ArchiveMetadata again once nothing writes there");
                }

                File.Move(temporary, target, overwrite: false);
            }
            finally
            {
                AtomicFile.TryDelete(temporary);
            }

            services.ShowMetadata.SetFilePath(entry.Identifier, target);
            File.Delete(entry.Source);
            return Item(entry, MetadataMoveOutcome.Moved, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Item(entry, MetadataMoveOutcome.Failed, $"{ex.Message.TrimEnd('.')}; the source is kept. Fix the cause and run Move-ArchiveMetadata again (the journal finishes the move)");
        }
    }

    private static MetadataMoveProof Prove(IReadOnlyList<MetadataMoveEntry> plan, IReadOnlyList<MetadataMoveItem> items)
    {
        var recorded = plan.ToDictionary(e => e.Identifier, StringComparer.Ordinal);
        var after = new List<(long Bytes, string Sha256)>();
        foreach (var item in items)
        {
            if (item.Outcome is MetadataMoveOutcome.Moved or MetadataMoveOutcome.AlreadyInPlace)
            {
                // Counted at its target, and again if its source is still there: a duplicate fails the proof.
                after.AddRange(new[] { item.Target!, item.Source }.Where(File.Exists).Select(Hash));
            }
            else if (File.Exists(item.Source))
            {
                after.Add(Hash(item.Source));
            }
            else if (item.Target is not null && File.Exists(item.Target) && Hash(item.Target) is var moved && moved.Sha256 == recorded[item.Identifier].Sha256)
            {
                after.Add(moved); // moved by a killed run, not finished by this one (-WhatIf, a held lock)
            }
        }

        var before = plan.Select(e => (e.Bytes, e.Sha256)).ToList();
        return new MetadataMoveProof(before.Count, before.Sum(f => f.Bytes), Combined(before), after.Count, after.Sum(f => f.Bytes), Combined(after));
    }

    private static string Combined(IEnumerable<(long Bytes, string Sha256)> files)
    {
        var lines = files.Select(f => $"{f.Sha256} {f.Bytes}\n").Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Concat(lines))));
    }

    private static MetadataMoveItem Item(MetadataMoveEntry entry, MetadataMoveOutcome outcome, string? reason) =>
        new(entry.Identifier, entry.Source, entry.Artist, entry.Target, outcome, reason);

    private static (long Bytes, string Sha256) Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return (stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    private static string CopyFlushed(string source, string temporary)
    {
        using var input = File.OpenRead(source);
        using var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            output.Write(buffer, 0, read);
        }

        output.Flush(flushToDisk: true);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
