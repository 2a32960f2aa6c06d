using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace ArchiveImport.Core.Operations;

/// <summary>One named run of values over the chart's days; a null value is a day without data.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// Charts as inline SVG, drawn here so the page needs no script and no network. Every bar is a rect of class "bar"
/// and every point a circle of class "point", each with a title for hover and data-series/data-day attributes, so a
/// browser test can count what was drawn.
/// </summary>
public static class SvgChart
{
    private const int Width = 640, Height = 260, Left = 44, Right = 12, Top = 12, Bottom = 34;
    private const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

    /// <summary>Bars stacked per day, one colour per series; a zero is drawn as nothing.</summary>
    public static string StackedBars(string id, string label, IReadOnlyList<DateOnly> days, IReadOnlyList<ChartSeries> series)
    {
        var totals = days.Select((_, i) => series.Sum(s => s.Values[i] ?? 0)).ToList();
        var max = NiceMaximum(totals.DefaultIfEmpty(0).Max());
        var svg = Open(id, label);
        Axes(svg, days, max, "");
        var slot = PlotWidth / Math.Max(days.Count, 1);
        var barWidth = Math.Max(slot * 0.7, 1);
        for (var i = 0; i < days.Count; i++)
        {
            var baseline = 0.0;
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[i] ?? 0;
                if (value <= 0)
                {
                    continue;
                }

                var y = Y(baseline + value, max);
                var height = Y(baseline, max) - y;
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<rect class="bar s{s}" data-series="{Attr(series[s].Name)}" data-day="{Day(days[i])}" x="{N(Left + i * slot + (slot - barWidth) / 2)}" y="{N(y)}" width="{N(barWidth)}" height="{N(height)}"><title>{HtmlEncode(series[s].Name)}, {Day(days[i])}: {N(value)}</title></rect>""");
                baseline += value;
            }
        }

        return Close(svg, series);
    }

    /// <summary>One line per series with a point per day that has a value; <paramref name="fixedMaximum"/> pins the scale (100 for a percentage).</summary>
    public static string Lines(string id, string label, IReadOnlyList<DateOnly> days, IReadOnlyList<ChartSeries> series, double? fixedMaximum = null, string unit = "")
    {
        var max = fixedMaximum ?? NiceMaximum(series.SelectMany(s => s.Values).Select(v => v ?? 0).DefaultIfEmpty(0).Max());
        var svg = Open(id, label);
        Axes(svg, days, max, unit);
        var slot = PlotWidth / Math.Max(days.Count, 1);
        for (var s = 0; s < series.Count; s++)
        {
            var points = series[s].Values
                .Select((value, i) => (value, i))
                .Where(p => p.value is not null)
                .Select(p => (X: Left + p.i * slot + slot / 2, Y: Y(p.value!.Value, max), Value: p.value!.Value, Day: days[p.i]))
                .ToList();
            if (points.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<polyline class="line s{s}" data-series="{Attr(series[s].Name)}" points="{string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"))}"/>""");
            }

            foreach (var point in points)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<circle class="point s{s}" data-series="{Attr(series[s].Name)}" data-day="{Day(point.Day)}" cx="{N(point.X)}" cy="{N(point.Y)}" r="3.5"><title>{HtmlEncode(series[s].Name)}, {Day(point.Day)}: {N(point.Value)}{unit}</title></circle>""");
            }
        }

        return Close(svg, series);
    }

    private static StringBuilder Open(string id, string label) => new StringBuilder()
        .Append(CultureInfo.InvariantCulture, $"""<figure class="chart"><svg data-chart="{Attr(id)}" viewBox="0 0 {Width} {Height}" role="img" aria-label="{Attr(label)}" preserveAspectRatio="xMidYMid meet">""");

    private static string Close(StringBuilder svg, IReadOnlyList<ChartSeries> series)
    {
        svg.Append("</svg><figcaption class=\"legend\">");
        for (var s = 0; s < series.Count; s++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<span><i class="swatch s{s}"></i>{HtmlEncode(series[s].Name)}</span> """);
        }

        return svg.Append("</figcaption></figure>").ToString();
    }

    /// <summary>Three horizontal grid lines with their values, and the first, middle and last day under the plot.</summary>
    private static void Axes(StringBuilder svg, IReadOnlyList<DateOnly> days, double max, string unit)
    {
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var y = Y(max * fraction, max);
            svg.Append(CultureInfo.InvariantCulture,
                $"""<line class="grid" x1="{Left}" y1="{N(y)}" x2="{Width - Right}" y2="{N(y)}"/><text class="tick" x="{Left - 6}" y="{N(y + 4)}" text-anchor="end">{N(max * fraction)}{unit}</text>""");
        }

        var slot = PlotWidth / Math.Max(days.Count, 1);
        foreach (var i in new[] { 0, days.Count / 2, days.Count - 1 }.Where(i => i >= 0).Distinct())
        {
            var anchor = i == 0 ? "start" : i == days.Count - 1 ? "end" : "middle";
            var x = i == 0 ? Left : i == days.Count - 1 ? Width - Right : Left + i * slot + slot / 2;
            svg.Append(CultureInfo.InvariantCulture,
                $"""<text class="tick" x="{N(x)}" y="{Height - 12}" text-anchor="{anchor}">{Day(days[i])}</text>""");
        }
    }

    private static double Y(double value, double max) => Top + PlotHeight - (max <= 0 ? 0 : value / max * PlotHeight);

    /// <summary>A round upper bound for the scale (1, 2 or 5 times a power of ten), never below 1.</summary>
    private static double NiceMaximum(double max)
    {
        if (max <= 1)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * power).First(m => m >= max);
    }

    private static string N(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Attr(string text) => HtmlEncode(text);
}
