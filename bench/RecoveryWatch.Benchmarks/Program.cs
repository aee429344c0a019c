using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/RecoveryWatch.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(RecoveryWatch.Benchmarks.BenchDatabase).Assembly).Run(args);
