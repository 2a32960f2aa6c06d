namespace ArchiveImport.Core.Matching;

/// <summary>Which title furniture <see cref="TitleNormalizer"/> removes besides the always-on folding.</summary>
[Flags]
internal enum NormalizeOptions
{
    /// <summary>Fold only: keeps leading numbers and the words inside brackets.</summary>
    None = 0,

    /// <summary>Remove disc/track prefixes, set and encore markers, tape positions and trailing timings.</summary>
    StripPositionalMarkers = 1,

    /// <summary>Remove bracketed notes such as "(partial)" or "[cut]".</summary>
    StripBracketedNotes = 2,

    /// <summary>What <see cref="TitleNormalizer.Normalize(string)"/> does.</summary>
    Title = StripPositionalMarkers | StripBracketedNotes,
}
