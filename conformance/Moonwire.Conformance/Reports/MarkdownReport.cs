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
            var anchor = Anchor(r.Case.Id);
            var id = HasDetails(r) ? $"<a id=\"case-{anchor}\"></a>[{r.Case.Id}](#details-{anchor})" : $"<a id=\"case-{anchor}\"></a>{r.Case.Id}";
            text.Append(CultureInfo.InvariantCulture, $"| {id} | {r.Outcome.Behavior.Label()} | {r.Outcome.BehaviorClose.Label()} | {r.Outcome.RemoteCloseCode?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {r.Duration.TotalMilliseconds:F0} |\n");
        }

        foreach (var r in summary.Results.Where(HasDetails))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n<a id=\"details-{Anchor(r.Case.Id)}\"></a>\n## Case {r.Case.Id}: {r.Outcome.Overall.Label()}\n\n");
            text.Append(CultureInfo.InvariantCulture, $"- Description: {r.Case.Description}\n- Expectation: {r.Case.Expectation}\n");
            text.Append(CultureInfo.InvariantCulture, $"- Behavior {r.Outcome.Behavior.Label()}: {r.Outcome.Result}\n- Close {r.Outcome.BehaviorClose.Label()}: {r.Outcome.ResultClose}\n\n");
            text.Append("```\n").AppendJoin('\n', r.Outcome.WireLog).Append("\n```\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>A case id as an HTML anchor suffix (dots to dashes); rows are "case-…", details "details-…".</summary>
    public static string Anchor(string id) => id.Replace('.', '-');

    private static bool HasDetails(CaseResult r) => r.Outcome.Overall is Verdict.Failed or Verdict.NonStrict;
}
