using System.CommandLine;
using Moonwire.Specs;

namespace Moonwire.Cli.Commands;

/// <summary>
/// <c>moonwire spec check &lt;document&gt; &lt;spec&gt;</c>: the "document changed, regenerate" check — the API
/// items the document names and the spec lacks, and the reverse; exit 1 on any drift.
/// </summary>
internal static class SpecCheckCommand
{
    public static Command Create()
    {
        var document = new Argument<FileInfo>("document") { Description = "The platform's API document (a seed under ../shared/seeds)." }.AcceptExistingOnly();
        var spec = new Argument<FileInfo>("spec") { Description = "The dialect's YAML spec (specs/*.yaml)." }.AcceptExistingOnly();
        var check = new Command("check", "Compare a document with its spec; the last line counts both sides, exit 1 on drift.") { document, spec };
        check.SetAction(parse => Run(parse.GetValue(document)!, parse.GetValue(spec)!));
        return new Command("spec", "Work with the dialects' API specs.") { check };
    }

    private static int Run(FileInfo document, FileInfo spec)
    {
        try
        {
            return SpecCheck.Run(document.FullName, spec.FullName, Console.Out);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return CommandLine.Fail($"cannot read {spec.Name}: {e.Message}");
        }
    }
}
