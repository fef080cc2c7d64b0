namespace Moonwire.Generators.Model;

/// <summary>A problem found in a spec file, with the YAML position it points at. Positions live only
/// here, never in <see cref="DialectSpec"/>.</summary>
internal sealed record SpecDiagnostic(string Id, string Path, int Line, int Column, string Argument);

/// <summary>What parsing one spec file produced: the model (null when the YAML is unusable) and the
/// diagnostics.</summary>
internal sealed record ParseResult(DialectSpec? Spec, EquatableArray<SpecDiagnostic> Diagnostics);

/// <summary>The diagnostic ids, shared by the generator and the spec tooling.</summary>
internal static class SpecDiagnosticIds
{
    public const string InvalidYaml = "MW0001";
    public const string UnknownType = "MW0002";
    public const string DuplicateName = "MW0003";
    public const string MissingSource = "MW0004";
    public const string UnsatisfiableOverloads = "MW0005";
    public const string InvalidSpec = "MW0006";
}
