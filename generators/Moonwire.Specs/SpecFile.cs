using Moonwire.Generators.Model;
using Moonwire.Generators.Parsing;

namespace Moonwire.Specs;

/// <summary>Loads a spec file, refusing one the generator would reject.</summary>
internal static class SpecFile
{
    public static DialectSpec Load(string path)
    {
        var result = SpecParser.Parse(path, File.ReadAllText(path));
        if (result.Spec is null || result.Diagnostics.Count > 0)
        {
            var problems = result.Diagnostics.Select(d => $"{d.Path}({d.Line},{d.Column}): {d.Id} {d.Argument}");
            throw new InvalidDataException(string.Join(Environment.NewLine, problems));
        }
        return result.Spec;
    }
}
