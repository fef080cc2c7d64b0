using System.CommandLine;
using Moonwire.Cli;
using Moonwire.Cli.Commands;

var root = new RootCommand("moonwire: run Lua WebSocket dialect scripts on .NET, and test WebSocket peers.")
{
    RunCommand.Create(),
    EchoServerCommand.Create(),
    EchoClientCommand.Create(),
    SpecCheckCommand.Create(),
    ConformanceCommand.Create(),
};
return await CommandLine.InvokeAsync(root, args);
