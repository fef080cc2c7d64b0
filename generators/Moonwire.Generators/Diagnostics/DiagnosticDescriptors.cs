using Microsoft.CodeAnalysis;
using Moonwire.Generators.Model;

namespace Moonwire.Generators.Diagnostics;

/// <summary>Every diagnostic the generator reports: stable ids, one message format each.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Moonwire.Specs";

    public static readonly DiagnosticDescriptor InvalidYaml = Error(SpecDiagnosticIds.InvalidYaml, "Spec is not valid YAML", "The spec cannot be read: {0}");

    public static readonly DiagnosticDescriptor UnknownType = Error(SpecDiagnosticIds.UnknownType, "Unknown type", "Unknown type '{0}'");

    public static readonly DiagnosticDescriptor DuplicateName = Error(SpecDiagnosticIds.DuplicateName, "Duplicate name", "Duplicate name '{0}'");

    public static readonly DiagnosticDescriptor MissingSource = Error(SpecDiagnosticIds.MissingSource, "Missing source", "'{0}' has no source (the document's section heading)");

    public static readonly DiagnosticDescriptor UnsatisfiableOverloads = Error(
        SpecDiagnosticIds.UnsatisfiableOverloads, "Overloads cannot be told apart", "No argument's Lua type tells the overloads of '{0}' apart");

    public static readonly DiagnosticDescriptor InvalidSpec = Error(SpecDiagnosticIds.InvalidSpec, "Invalid spec", "{0}");

    public static DiagnosticDescriptor? ById(string id) => id switch
    {
        SpecDiagnosticIds.InvalidYaml => InvalidYaml,
        SpecDiagnosticIds.UnknownType => UnknownType,
        SpecDiagnosticIds.DuplicateName => DuplicateName,
        SpecDiagnosticIds.MissingSource => MissingSource,
        SpecDiagnosticIds.UnsatisfiableOverloads => UnsatisfiableOverloads,
        SpecDiagnosticIds.InvalidSpec => InvalidSpec,
        _ => null,
    };

    private static DiagnosticDescriptor Error(string id, string title, string format) =>
        new(id, title, format, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
