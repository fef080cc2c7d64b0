using BenchmarkDotNet.Running;
using Moonwire.Benchmarks;

// dotnet run -c Release --project benchmarks/Moonwire.Benchmarks -- --filter '*'   (see docs/performance.md)
if (args is [SteadyStateAllocation.Switch])
{
    await SteadyStateAllocation.RunAsync(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ReceiveBenchmarks).Assembly).Run(args);
