using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Moonwire.Benchmarks -- --filter '*'   (see docs/performance.md)
BenchmarkSwitcher.FromAssembly(typeof(Moonwire.Benchmarks.ReceiveBenchmarks).Assembly).Run(args);
