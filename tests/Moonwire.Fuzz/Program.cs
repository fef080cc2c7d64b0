using Moonwire.Fuzz;
using SharpFuzz;

// moonwire-fuzz TARGET [FILE...]
// Started by scripts/fuzz's libFuzzer driver, it serves the driver's inputs to TARGET until the driver ends.
// Started by hand, it runs TARGET once on each FILE (to replay a crash) and reports what escaped.
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Moonwire.Fuzz TARGET [FILE...]; targets: {string.Join(", ", FuzzTargets.All.Keys)}");
    return 2;
}

if (Environment.GetEnvironmentVariable("__LIBFUZZER_SHM_ID") is not null)
{
    Fuzzer.LibFuzzer.Run(input => target(input));
    return 0;
}

var failed = 0;
foreach (var file in args[1..])
{
    try
    {
        target(File.ReadAllBytes(file));
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"{file}: {e}");
        failed++;
    }
}

return failed == 0 ? 0 : 1;
