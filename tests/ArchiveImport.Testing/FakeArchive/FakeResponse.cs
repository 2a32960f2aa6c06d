using System.Text;

namespace ArchiveImport.Testing;

/// <summary>A complete answer, built before anything is written so that faults can reshape it.</summary>
internal sealed record FakeResponse(int StatusCode, string ContentType, byte[] Body, TimeSpan? RetryAfter = null)
{
    public const string JsonContentType = "application/json";

    public static FakeResponse Json(int statusCode, byte[] body) => new(statusCode, JsonContentType, body);

    public static FakeResponse Error(int statusCode, string message) =>
        Json(statusCode, JsonErrorBody(message));

    public static byte[] JsonErrorBody(string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static FakeResponse Text(int statusCode, string contentType, string body) =>
        new(statusCode, contentType, Encoding.UTF8.GetBytes(body));
}
