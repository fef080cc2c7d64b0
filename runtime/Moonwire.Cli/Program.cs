using System.CommandLine;
using Moonwire.Cli;
using Moonwire.Cli.Commands;

var root = new RootCommand("moonwire: run Lua WebSocket dialect scripts on .NET, and test WebSocket peers.")
{
    EchoServerCommand.Create(),
    EchoClientCommand.Create(),
    ConformanceCommand.Create(),
};
return await CommandLine.InvokeAsync(root, args);
