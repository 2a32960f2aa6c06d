using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace ArchiveImport.Core.Logging;

/// <summary>
/// Hands the file an event whose message, text properties and exception have been through the redaction, so a password a
/// database driver echoes never reaches the log. Redacting the raw text, before JSON escaping, matches the password as
/// the driver wrote it.
/// </summary>
internal sealed class RedactingSink(ILogEventSink inner, Func<string, string> redact) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        var message = new MessageTemplate([new TextToken(redact(logEvent.RenderMessage()))]);
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, Redacted(p.Value)));
        var exception = logEvent.Exception is { } ex ? new LoggedException(redact(ex.ToString())) : null;
        inner.Emit(new LogEvent(logEvent.Timestamp, logEvent.Level, exception, message, properties));
    }

    private LogEventPropertyValue Redacted(LogEventPropertyValue value) =>
        value is ScalarValue { Value: string text } ? new ScalarValue(redact(text)) : value;

    /// <summary>An exception as text already redacted: the file writes its ToString().</summary>
    private sealed class LoggedException(string text) : Exception(text)
    {
        public override string ToString() => Message;
    }
}
