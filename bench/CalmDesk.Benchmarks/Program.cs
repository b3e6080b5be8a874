using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/CalmDesk.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(CalmDesk.Benchmarks.AnalyzeBenchmarks).Assembly).Run(args);
