using Moonwire.Conformance.Fuzzing;
using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Cases;

/// <summary>
/// Group 9: limits and performance — large messages, many fragments, small TCP chops, round trips.
/// Slow by design, so usually excluded ("9.*"); a failure here is a limit, not a protocol fault.
/// </summary>
internal static class Group9Limits
{
    private const int KiB = 1024;
    private const int MiB = 1024 * 1024;

    public static IEnumerable<CaseDefinition> Cases()
    {
        int[] sizes = [64 * KiB, 256 * KiB, MiB, 4 * MiB, 8 * MiB, 16 * MiB];
        int[] fragments = [64, 256, KiB, 4 * KiB, 16 * KiB, 64 * KiB, 256 * KiB, MiB, 4 * MiB];
        int[] chops = [64, 128, 256, 512, 1024, 2048];
        (int Size, int Seconds)[] roundTrips = [(0, 60), (16, 60), (64, 60), (256, 120), (1024, 240), (4096, 480)];
        foreach (var (offset, binary) in new[] { (0, false), (1, true) })
        {
            var kind = binary ? "binary" : "text";
            var n = 1;
            foreach (var size in sizes)
            {
                yield return Single($"9.{1 + offset}.{n++}", $"Send {kind} message message with payload of length {size}.", size, binary, fragment: 0, chop: 0);
            }

            n = 1;
            foreach (var fragment in fragments)
            {
                yield return Single($"9.{3 + offset}.{n++}", $"Send fragmented {kind} message message with message payload of length 4 * 2**20 (4M). Sent out in fragments of {fragment}.", 4 * MiB, binary, fragment, chop: 0);
            }

            n = 1;
            foreach (var chop in chops)
            {
                yield return Single($"9.{5 + offset}.{n++}", $"Send {kind} message message with payload of length 1 * 2**20 (1M). Sent out data in chops of {chop} octets.", MiB, binary, fragment: 0, chop);
            }

            n = 1;
            foreach (var (size, seconds) in roundTrips)
            {
                var payload = Payload(size, binary);
                yield return new CaseDefinition(
                    $"9.{7 + offset}.{n++}",
                    $"Send 1000 {kind} messages of payload size {size} to measure implementation/network RTT (round trip time) / latency.",
                    $"Receive echo'ed {kind} messages (with payload as sent). Timeout case after {seconds} secs.",
                    run => EchoTimed.RunAsync(run, 1000, TimeSpan.FromSeconds(seconds), _ => (payload, binary),
                        (p, b) => run.Connection.SendAsync(new OutFrame(b ? Opcodes.Binary : Opcodes.Text, p))));
            }
        }
    }

    private static byte[] Payload(int size, bool binary) => Bytes.Repeat(binary ? (byte)0xFE : (byte)'*', size);

    private static CaseDefinition Single(string id, string description, int size, bool binary, int fragment, int chop) => new(
        id,
        description,
        $"Receive echo'ed {(binary ? "binary" : "text")} message (with payload as sent). Timeout case after 100 secs.",
        run =>
        {
            var payload = Payload(size, binary);
            return EchoTimed.RunAsync(run, 1, TimeSpan.FromSeconds(100), _ => (payload, binary), (p, b) => Send(run, p, b, fragment, chop));
        });

    private static Task Send(CaseRun run, byte[] payload, bool binary, int fragment, int chop)
    {
        var opcode = binary ? Opcodes.Binary : Opcodes.Text;
        if (fragment == 0)
        {
            return run.Connection.SendAsync(new OutFrame(opcode, payload), chop);
        }

        var frames = new List<OutFrame>();
        for (var offset = 0; offset < payload.Length; offset += fragment)
        {
            var length = Math.Min(fragment, payload.Length - offset);
            frames.Add(new OutFrame(offset == 0 ? opcode : Opcodes.Continuation, payload.AsSpan(offset, length).ToArray(), Fin: offset + length == payload.Length));
        }

        return run.Connection.SendAsync(frames);
    }
}
