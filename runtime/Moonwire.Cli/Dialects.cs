using Moonwire.Dialects.Wippy;
using Moonwire.Lua;

namespace Moonwire.Cli;

/// <summary>The dialects <c>moonwire run</c> knows; each dialect package adds its line here.</summary>
internal static class Dialects
{
    public static DialectRegistry All { get; } = new(
    [
        new PlainDialect(),
        new WippyDialect(),
    ]);
}
