using ArchiveImport.Core.Logging;

namespace ArchiveImport.Core.Operations;

/// <summary>Errors written to the log file (var/log) in the last logErrorHours hours.</summary>
public sealed class LogErrorsCheck : HealthCheck
{
    public override string Id => "log-errors";
    public override string Name => "Errors in the log";
    public override string Description => "Fails when the log under var/log holds at least maxLogErrors errors from the last logErrorHours hours.";
    public override IReadOnlyList<string> Tags => ["log"];
    public override IReadOnlyList<string> Thresholds => ["logErrorHours", "maxLogErrors"];
    public override HealthNeeds Needs => HealthNeeds.Files;

    internal override IEnumerable<HealthCheckResult> Run(HealthContext context)
    {
        var health = context.Services.Settings.Health;
        var since = context.Now.AddHours(-health.LogErrorHours);
        var reader = new ArchiveLogReader(context.Services.Settings.LogDirectory);
        var hours = $"{health.LogErrorHours:0.##}";
        List<ArchiveLogEntry> errors;
        try
        {
            errors = reader.Read(new ArchiveLogQuery { Since = since, MinimumLevel = nameof(Serilog.Events.LogEventLevel.Error) }).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [Result(context, HealthStatus.Warning,
                $"The log ({reader.Directory}) cannot be read: {ex.Message.TrimEnd('.')}. Give this user read access to it.")];
        }

        return [Result(context, errors.Count >= health.MaxLogErrors ? HealthStatus.Fail : HealthStatus.Pass,
            errors.Count == 0
                ? $"No error in the log ({reader.Directory}) in the last {hours} hours."
                : $"{errors.Count} error(s) in the log in the last {hours} hours, the last at {errors[^1].Time:u}: {errors[^1].Message} " +
                  $"Read them with Get-ArchiveLog -Level Error -Since (Get-Date).AddHours(-{hours}).",
            errors.Count, health.MaxLogErrors)];
    }
}
