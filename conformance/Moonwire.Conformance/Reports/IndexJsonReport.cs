using System.Text.Json;
using Moonwire.Conformance.Cases;

namespace Moonwire.Conformance.Reports;

/// <summary>
/// index.json in the shape Autobahn writes, so tools that read its reports read ours:
/// agent → case id → behavior, behaviorClose, duration (ms), remoteCloseCode, reportfile.
/// </summary>
internal static class IndexJsonReport
{
    public static void Write(string path, ConformanceSummary summary)
    {
        using var file = File.Create(path);
        using var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject(summary.Agent);
        foreach (var result in summary.Results)
        {
            json.WriteStartObject(result.Case.Id);
            json.WriteString("behavior", result.Outcome.Behavior.Label());
            json.WriteString("behaviorClose", result.Outcome.BehaviorClose.Label());
            json.WriteNumber("duration", (long)result.Duration.TotalMilliseconds);
            if (result.Outcome.RemoteCloseCode is { } code)
            {
                json.WriteNumber("remoteCloseCode", code);
            }
            else
            {
                json.WriteNull("remoteCloseCode");
            }

            json.WriteString("reportfile", $"summary.md#case-{MarkdownReport.Anchor(result.Case.Id)}");
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
