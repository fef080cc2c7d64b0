using Xunit;

// These tests read process-wide gauges (GC heap, working set, open files, threads): one at a time, alone.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
