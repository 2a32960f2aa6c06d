namespace ArchiveImport.PowerShell;

/// <summary>How the metric and dashboard cmdlets read a date parameter: as a UTC day (a local time is converted first).</summary>
internal static class MetricDays
{
    public const int DefaultSpan = 30;

    public static DateOnly Of(DateTime value) => DateOnly.FromDateTime(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value);

    /// <summary>From and To as given; a missing To is today, a missing From the <see cref="DefaultSpan"/> days up to To.</summary>
    public static (DateOnly From, DateOnly To) Range(DateTime? from, DateTime? to, DateTime now)
    {
        var last = to is { } t ? Of(t) : DateOnly.FromDateTime(now);
        var first = from is { } f ? Of(f) : last.AddDays(1 - DefaultSpan);
        return (first, last);
    }
}
