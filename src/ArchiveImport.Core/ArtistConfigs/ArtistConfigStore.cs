using ArchiveImport.Core.Matching;

namespace ArchiveImport.Core.ArtistConfigs;

/// <summary>
/// The folder of artist YAML files (one artist per <c>*.yaml</c> or <c>*.yml</c> file, usually
/// named after the artist's slug). Looks at the files on every call, so edits are seen at once; a file unchanged
/// since it was last read (same length and write time) is taken from the <see cref="ArtistConfigCache"/>.
/// A folder that does not exist holds no artists.
/// </summary>
public sealed class ArtistConfigStore
{
    private readonly ArtistConfigCache cache;

    public ArtistConfigStore(string directory, ArtistConfigCache? cache = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        this.cache = cache ?? new ArtistConfigCache();
    }

    public string Directory { get; }

    /// <summary>Loads and validates every artist file; throws <see cref="ArtistConfigException"/> for the first bad one.</summary>
    public IReadOnlyList<ArtistConfig> LoadAll()
    {
        var configs = ConfigFiles().Select(Read).ToList();
        var byName = new Dictionary<string, ArtistConfig>(StringComparer.OrdinalIgnoreCase);
        foreach (var config in configs)
        {
            if (!byName.TryAdd(config.Name, config))
            {
                var location = ArtistNameReader.TryRead(config.SourcePath);
                throw new ArtistConfigException(config.SourcePath, (int?)location?.Start.Line, (int?)location?.Start.Column,
                    $"artist '{config.Name}' is also defined in {Path.GetFileName(byName[config.Name].SourcePath)}",
                    "Keep one file per artist: merge the two files or delete one.");
            }
        }

        return configs;
    }

    /// <summary>
    /// The artist whose <c>name</c> matches, ignoring case, or whose file is named after the slug
    /// of <paramref name="artistName"/> ("String Cheese Incident" finds string-cheese-incident.yaml
    /// and so does "string-cheese-incident"). Null when there is none.
    /// </summary>
    public ArtistConfig? Find(string artistName) => FindFile(artistName) is { } file ? Read(file) : null;

    /// <summary>
    /// The configured name of the artist <see cref="Find"/> would load, read from its file's <c>name</c> line only:
    /// mapping a name never needs the whole file, so one broken config cannot stop a cmdlet that only lists or stops
    /// runs. Null when no file matches or the matching file's name cannot be read.
    /// </summary>
    public string? FindName(string artistName) => FindFile(artistName) is { } file ? ArtistNameReader.TryRead(file)?.Value : null;

    /// <summary>
    /// Artist names for tab completion, sorted. Reads only each file's <c>name</c> and checks the file is well-formed
    /// YAML; a file whose name cannot be read or that is not valid YAML is not offered (Get-ArchiveHealth names it).
    /// </summary>
    public IReadOnlyList<string> ArtistNames() =>
        ConfigFiles()
            .Select(file => ArtistNameReader.TryRead(file) is { } name && ArtistNameReader.IsWellFormed(file) ? name.Value : null)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>
    /// Loads and validates every artist file and returns what is wrong with each one that cannot be used (a file
    /// per problem, duplicate names included), instead of stopping at the first. Empty when every config is usable.
    /// </summary>
    public IReadOnlyList<ArtistConfigException> Problems() => Survey().Problems;

    /// <summary>Loads and validates every artist file: the configs that can be used, and what is wrong with each other file.</summary>
    public ArtistConfigSurvey Survey()
    {
        var usable = new List<ArtistConfig>();
        var problems = new List<ArtistConfigException>();
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in ConfigFiles())
        {
            try
            {
                var config = Read(file);
                if (byName.TryAdd(config.Name, file))
                {
                    usable.Add(config);
                }
                else
                {
                    var location = ArtistNameReader.TryRead(file);
                    problems.Add(new ArtistConfigException(file, (int?)location?.Start.Line, (int?)location?.Start.Column,
                        $"artist '{config.Name}' is also defined in {Path.GetFileName(byName[config.Name])}",
                        "Keep one file per artist: merge the two files or delete one."));
                }
            }
            catch (ArtistConfigException ex)
            {
                problems.Add(ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add(new ArtistConfigException(file, null, null, $"the file cannot be read ({ex.Message.TrimEnd('.')})",
                    "Check its permissions.", ex));
            }
        }

        return new ArtistConfigSurvey(usable, problems);
    }

    /// <summary>Reads and validates one artist file (at most <see cref="ArtistConfigLimits.MaxFileBytes"/>; see <see cref="ArtistConfigLimits"/>).</summary>
    public static ArtistConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        ArtistConfigLimits.CheckFileSize(fullPath);
        using var text = File.OpenText(fullPath);
        var document = ArtistConfigYamlReader.Read(fullPath, text);
        return ArtistConfigValidator.Validate(fullPath, document);
    }

    private ArtistConfig Read(string file) => cache.Load(file, Load);

    /// <summary>"String Cheese Incident" → "string-cheese-incident": the file name of an artist's config (see <see cref="Slugs.Of"/>).</summary>
    public static string Slug(string name) => Slugs.Of(name);

    /// <summary>The file named after the slug of <paramref name="artistName"/>, else the file whose name matches.</summary>
    private string? FindFile(string artistName)
    {
        if (string.IsNullOrWhiteSpace(artistName))
        {
            return null;
        }

        var slug = Slug(artistName);
        var files = ConfigFiles();
        return files.FirstOrDefault(file => string.Equals(FileSlug(file), slug, StringComparison.OrdinalIgnoreCase))
            ?? files.FirstOrDefault(file => ArtistNameReader.TryRead(file) is { } name
                && (string.Equals(name.Value, artistName.Trim(), StringComparison.OrdinalIgnoreCase) || Slug(name.Value) == slug));
    }

    private static string FileSlug(string file) => Path.GetFileNameWithoutExtension(file);

    private List<string> ConfigFiles()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return System.IO.Directory.EnumerateFiles(Directory)
            .Where(file => Path.GetExtension(file).ToLowerInvariant() is ".yaml" or ".yml")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>What <see cref="ArtistConfigStore.Survey"/> found: the usable configs, and a problem for each file that is not.</summary>
public sealed record ArtistConfigSurvey(IReadOnlyList<ArtistConfig> Usable, IReadOnlyList<ArtistConfigException> Problems);
