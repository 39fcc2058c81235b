using BenchmarkDotNet.Running;
using FermentEngine.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
