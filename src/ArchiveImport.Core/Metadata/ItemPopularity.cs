using System.Globalization;
using System.Text.Json;

namespace ArchiveImport.Core.Metadata;

/// <summary>
/// archive.org's rating, review count and downloads of an item. The search API names them avg_rating, num_reviews and
/// downloads, and some stored metadata carries them under those names; a metadata response carries the reviews
/// themselves (a top-level <c>reviews</c> list with <c>stars</c>), from which the count and average are taken when the
/// named fields are absent. Anything missing or unreadable stays null: the preference then falls to the next rule.
/// </summary>
internal sealed record ItemPopularity(double? Rating, int? ReviewCount, long? Downloads)
{
    public static ItemPopularity Read(JsonElement root, JsonElement metadata)
    {
        var rating = Number(metadata, "avg_rating");
        var reviews = Number(metadata, "num_reviews");
        if (root.TryGetProperty("reviews", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var stars = list.EnumerateArray().Select(r => Number(r, "stars")).OfType<double>().ToList();
            reviews ??= list.GetArrayLength();
            rating ??= stars.Count > 0 ? Math.Round(stars.Average(), 2) : null;
        }

        var downloads = Number(metadata, "downloads");
        return new ItemPopularity(
            rating is >= 0 and <= 5 ? rating : null,
            reviews is >= 0 and <= int.MaxValue ? (int)reviews : null,
            downloads is >= 0 and <= long.MaxValue ? (long)downloads : null);
    }

    public Show ApplyTo(Show show) => show with { Rating = Rating, ReviewCount = ReviewCount, Downloads = Downloads };

    private static double? Number(JsonElement obj, string name) =>
        JsonValueReader.ReadString(obj, name) is { } text
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;
}
