namespace ArchiveImport.Testing;

/// <summary>Answers <c>/metadata/{identifier}</c>.</summary>
internal sealed class MetadataEndpoint(ItemCatalog catalog)
{
    public const string PathPrefix = "/metadata/";

    public FakeResponse Answer(string path)
    {
        var identifier = path[PathPrefix.Length..];
        var item = catalog.Find(identifier);

        // archive.org answers an unknown identifier with 200 and an empty object, not 404.
        return FakeResponse.Json(200, item?.Body ?? "{}"u8.ToArray());
    }
}
