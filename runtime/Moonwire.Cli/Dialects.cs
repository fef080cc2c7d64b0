using Moonwire.Dialects.Hoozi;
using Moonwire.Dialects.Coromega;
using Moonwire.Dialects.Luatos;
using Moonwire.Dialects.Silly;
using Moonwire.Dialects.Wippy;
using Moonwire.Lua;

namespace Moonwire.Cli;

/// <summary>The dialects <c>moonwire run</c> knows; each dialect package adds its line here.</summary>
internal static class Dialects
{
    public static DialectRegistry All { get; } = new(
    [
        new PlainDialect(),
        new HooziDialect(),
        new CoromegaDialect(),
        new LuatosDialect(),
        new SillyDialect(),
        new WippyDialect(),
    ]);
}
