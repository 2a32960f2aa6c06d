using System.Globalization;
using System.Text;
using ArchiveImport.Core.Storage;
using static System.Net.WebUtility;

namespace ArchiveImport.Core.Operations;

/// <summary>
/// The dashboard as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched. Every value from the
/// catalog is HTML-encoded (titles come from archive.org). A CSS grid of cards folds to one column on a phone.
/// </summary>
public static class DashboardPage
{
    private const string Style = """
        :root{--bg:#f6f7f9;--card:#fff;--ink:#1d2330;--muted:#5b6475;--line:#e3e6ec;--s0:#2f7d4f;--s1:#c0392b;--s2:#b7950b;--s3:#2471a3;
        --s4:#7d3c98;--s5:#148f77;--s6:#d35400;--s7:#566573;--pass:#2f7d4f;--warn:#b7950b;--fail:#c0392b}
        @media (prefers-color-scheme:dark){:root{--bg:#14171c;--card:#1d2129;--ink:#e6e9ef;--muted:#9aa3b2;--line:#2c323d}}
        *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--ink)}
        header{padding:1rem clamp(.75rem,3vw,2rem)}h1{margin:0;font-size:1.4rem}header p{margin:.2rem 0 0;color:var(--muted)}
        main{display:grid;gap:1rem;padding:0 clamp(.75rem,3vw,2rem) 2rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr))}
        section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem;min-width:0}
        section.wide{grid-column:1/-1}h2{margin:0 0 .6rem;font-size:1.05rem}
        figure{margin:0}svg{width:100%;height:auto;display:block}
        .grid{stroke:var(--line)}.tick{fill:var(--muted);font-size:11px}
        .line{fill:none;stroke-width:2}.legend{display:flex;flex-wrap:wrap;gap:.3rem .9rem;font-size:.85rem;color:var(--muted);margin-top:.4rem}
        .swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
        .empty{color:var(--muted);font-style:italic}
        .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}th{color:var(--muted);font-weight:600}
        td{overflow-wrap:break-word}td.n,td.status{white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums}
        @media (max-width:40rem){.tick{font-size:20px}.line{stroke-width:3}body{font-size:14px}}
        .status{font-weight:600}.Pass,.completed{color:var(--pass)}.Warning,.running,.cancelled{color:var(--warn)}.Fail,.failed{color:var(--fail)}
        """;

    public static string Render(DashboardData data)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>ArchiveImport dashboard</title><style>").Append(Style).Append(SeriesColours()).Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture,
            $"<header><h1>ArchiveImport dashboard</h1><p>{Day(data.From)} to {Day(data.To)} (UTC) · {Encode(data.Catalog)} · generated {data.GeneratedAt:yyyy-MM-dd HH:mm} UTC</p></header><main>");

        var days = data.Days;
        Card(html, "Imports per day by outcome", data.Imports.Count == 0 ? null : SvgChart.StackedBars("imports-per-day", "Imports per day by outcome", days,
        [
            Series("completed", days, data.Imports, d => d.Day, d => d.Completed),
            Series("failed", days, data.Imports, d => d.Day, d => d.Failed),
            Series("cancelled", days, data.Imports, d => d.Day, d => d.Cancelled),
            Series("running", days, data.Imports, d => d.Day, d => d.Running),
        ]));
        Card(html, "Match rate per artist (%)", data.MatchRates.Count == 0 ? null : SvgChart.Lines("match-rate", "Match rate per artist over time", days,
            data.MatchRates.GroupBy(r => r.Artist, StringComparer.Ordinal)
                .Select(g => Series(g.Key, days, g.ToList(), r => r.Day, r => (double)r.MatchRate)).ToList(), 100, "%"));
        Card(html, "Unmatched titles", data.Unmatched.Count == 0 ? null : SvgChart.Lines("unmatched-titles", "Unresolved unmatched titles over time", days,
            [Series("unmatched titles", days, data.Unmatched, d => d.Day, d => d.Titles)]));

        Table(html, "Weakest artists", "weakest-artists", ["Artist", "Match rate", "Matched", "Unmatched"],
            data.WeakestArtists.Select(a => new[] { Encode(a.Artist), Number($"{a.MatchRate:0.00} %"), Number(a.TracksMatched), Number(a.TracksUnmatched) }));
        Table(html, "Most frequent unmatched titles", "top-unmatched", ["Title", "Artist", "Times", "Suggestion"],
            data.TopUnmatched.Select(u => new[] { Encode(u.TrackName), Encode(u.Artist), Number(u.Occurrences), Encode(u.SuggestedMatch ?? "") }));
        Table(html, "Active and recent runs", "runs", ["Run", "Artist", "Type", "Status", "Started (UTC)", "Shows", "Error"],
            data.ActiveRuns.Concat(data.RecentRuns.Where(r => r.Status != RunStatus.Running)).Select(r => new[]
            {
                Number(r.Id), Encode(r.Artist), Encode(r.Type), Status(r.Status), Encode($"{r.StartedAt:yyyy-MM-dd HH:mm}"),
                Number(r.ShowsTotal is { } total ? $"{r.ShowsProcessed} / {total}" : r.ShowsProcessed.ToString(CultureInfo.InvariantCulture)),
                Encode(r.ErrorMessage ?? ""),
            }), wide: true);
        Table(html, "Health now", "health", ["Check", "Status", "Target", "Message"],
            data.Health.Select(h => new[] { Encode(h.Id), Status(h.Status), Encode(h.Target ?? ""), Encode(h.Message) }), wide: true);
        return html.Append("</main></body></html>").ToString();
    }

    private static ChartSeries Series<T>(string name, IReadOnlyList<DateOnly> days, IReadOnlyList<T> rows, Func<T, DateOnly> day, Func<T, double> value)
    {
        var byDay = rows.ToDictionary(day, value);
        return new ChartSeries(name, days.Select(d => byDay.TryGetValue(d, out var v) ? v : (double?)null).ToList());
    }

    private static void Card(StringBuilder html, string title, string? chart) =>
        html.Append(CultureInfo.InvariantCulture, $"<section><h2>{Encode(title)}</h2>")
            .Append(chart ?? "<p class=\"empty\">No daily metrics for these days yet. Run Update-ArchiveDailyMetric -Date for each day.</p>")
            .Append("</section>");

    /// <summary>Cells arrive already encoded (some carry a class for numbers or status).</summary>
    private static void Table(StringBuilder html, string title, string id, string[] headings, IEnumerable<string[]> rows, bool wide = false)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section{(wide ? " class=\"wide\"" : "")}><h2>{Encode(title)}</h2>");
        var list = rows.ToList();
        if (list.Count == 0)
        {
            html.Append("<p class=\"empty\">None.</p></section>");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<div class=\"scroll\"><table data-table=\"{id}\"><thead><tr>");
        foreach (var heading in headings)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{Encode(heading)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in list)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(cell.StartsWith("<td", StringComparison.Ordinal) ? cell : $"<td>{cell}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div></section>");
    }

    private static string SeriesColours() =>
        string.Concat(Enumerable.Range(0, 8).Select(i => $".bar.s{i},.point.s{i},.swatch.s{i}{{fill:var(--s{i});background:var(--s{i})}}.line.s{i}{{stroke:var(--s{i})}}"));

    private static string Number(object value) => $"<td class=\"n\">{Encode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")}</td>";

    private static string Status(string status) => $"<td class=\"status {Encode(status)}\">{Encode(status)}</td>";

    private static string Encode(string text) => HtmlEncode(text);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
