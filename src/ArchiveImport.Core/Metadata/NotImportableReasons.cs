namespace ArchiveImport.Core.Metadata;

/// <summary>The operator-readable reasons <see cref="ArchiveItemParser"/> gives for items it skips.</summary>
public static class NotImportableReasons
{
    public const string EmptyResponse = "item does not exist (empty response)";
    public const string Dark = "dark item: withdrawn from archive.org";
    public const string NoMetadata = "no metadata object in the response";
    public const string Collection = "a collection, not a recording";
    public const string NoFiles = "no files listed";
    public const string NoAudioTracks = "no audio tracks";
}
