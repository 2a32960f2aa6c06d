using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ArchiveImport.Core.Metadata;

/// <summary>
/// A hash of what an item says, leaving out what archive.org changes on every response (which server answered,
/// when the response was generated), so an unchanged show hashes the same on every download.
/// </summary>
public static class ContentHash
{
    private static readonly string[] VolatileKeys =
        ["created", "d1", "d2", "dir", "server", "workable_servers", "alternate_locations", "uniq", "servers_unavailable", "item_last_updated"];

    public static string Compute(ReadOnlySpan<byte> utf8Json)
    {
        var node = JsonNode.Parse(utf8Json);
        if (node is JsonObject item)
        {
            foreach (var key in VolatileKeys)
            {
                item.Remove(key);
            }
        }

        var canonical = JsonSerializer.SerializeToUtf8Bytes(node);
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }
}
