using System.Globalization;
using System.Text;
using Moonwire.Conformance.Cases;

namespace Moonwire.Conformance.Reports;

/// <summary>summary.md: the counts, one table row per case, then the details and wire log of every case that did not pass.</summary>
internal static class MarkdownReport
{
    public static void Write(string path, ConformanceSummary summary)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Conformance report: {summary.Agent}\n\n{summary.Line}\n\n");
        text.Append("| Case | Behavior | Close | Close code | Duration (ms) |\n|---|---|---|---|---|\n");
        foreach (var r in summary.Results)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {r.Case.Id} | {r.Outcome.Behavior.Label()} | {r.Outcome.BehaviorClose.Label()} | {r.Outcome.RemoteCloseCode?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {r.Duration.TotalMilliseconds:F0} |\n");
        }

        foreach (var r in summary.Results.Where(r => r.Outcome.Overall is Verdict.Failed or Verdict.NonStrict))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n<a id=\"case-{r.Case.Id.Replace('.', '-')}\"></a>\n## Case {r.Case.Id}: {r.Outcome.Overall.Label()}\n\n");
            text.Append(CultureInfo.InvariantCulture, $"- Description: {r.Case.Description}\n- Expectation: {r.Case.Expectation}\n");
            text.Append(CultureInfo.InvariantCulture, $"- Behavior {r.Outcome.Behavior.Label()}: {r.Outcome.Result}\n- Close {r.Outcome.BehaviorClose.Label()}: {r.Outcome.ResultClose}\n\n");
            text.Append("```\n").AppendJoin('\n', r.Outcome.WireLog).Append("\n```\n");
        }

        File.WriteAllText(path, text.ToString());
    }
}
