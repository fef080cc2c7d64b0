using System.Diagnostics;

namespace Moonwire.Soak.Tests.Support;

/// <summary>What the process holds at one moment, read after a full, compacting collection.</summary>
internal readonly record struct ProcessGauges(long GcHeapBytes, long WorkingSetBytes, int OpenFiles, int Threads)
{
    public static ProcessGauges Read()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        var heap = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return new ProcessGauges(
            heap.HeapSizeBytes - heap.FragmentedBytes,
            process.WorkingSet64,
            Directory.GetFiles("/proc/self/fd").Length,
            process.Threads.Count);
    }

    public override string ToString() =>
        $"heap {GcHeapBytes / 1024} KiB, working set {WorkingSetBytes / 1024} KiB, {OpenFiles} files, {Threads} threads";
}
