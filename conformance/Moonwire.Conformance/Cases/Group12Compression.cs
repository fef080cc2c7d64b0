using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Cases;

/// <summary>
/// Groups 12 and 13: permessage-deflate (RFC 7692). 12.x sends the five corpora with the default offer;
/// 13.x sends the JSON corpus under seven offer/accept parameter combinations. Each subgroup walks the
/// same 18 message-size and auto-fragmentation settings. No deflate agreed: Unimplemented.
/// </summary>
internal static class Group12Compression
{
    private static readonly (int Size, int Seconds, int Fragment)[] Settings =
    [
        (16, 60, 0), (64, 60, 0), (256, 120, 0), (1024, 240, 0), (4096, 480, 0), (8192, 480, 0), (16384, 480, 0), (32768, 480, 0), (65536, 480, 0), (131072, 480, 0),
        (8192, 480, 256), (16384, 480, 256), (32768, 480, 256), (65536, 480, 256), (131072, 480, 256), (131072, 480, 1024), (131072, 480, 4096), (131072, 480, 32768),
    ];

    /// <summary>
    /// 13.1–13.7: the client's offers and how the server answers them — (ask the client for
    /// client_no_context_takeover, client_max_window_bits to ask for; 0: none), first that fits wins.
    /// </summary>
    private static readonly (DeflateParameters[] Offers, (bool NoContext, int Bits)[] Accepts)[] Parameters =
    [
        ([new()], [(false, 0)]),
        ([new(ServerNoContextTakeover: true)], [(true, 0)]),
        ([new(ServerMaxWindowBits: 8)], [(false, 8)]),
        ([new(ServerMaxWindowBits: 15)], [(false, 15)]),
        ([new(ServerNoContextTakeover: true, ServerMaxWindowBits: 8)], [(true, 8)]),
        ([new(ServerNoContextTakeover: true, ServerMaxWindowBits: 15)], [(true, 15)]),
        ([new(ServerNoContextTakeover: true, ServerMaxWindowBits: 8), new(ServerNoContextTakeover: true), new()], [(true, 8), (true, 0), (false, 0)]),
    ];

    public static IEnumerable<CaseDefinition> Cases()
    {
        var j = 1;
        foreach (var corpus in CompressionCorpus.All)
        {
            foreach (var c in Subgroup($"12.{j++}", corpus, [new()], [(false, 0)], "Use default permessage-deflate offer."))
            {
                yield return c;
            }
        }

        j = 1;
        foreach (var (offers, accepts) in Parameters)
        {
            var offered = string.Join(", ", offers.Select(o => $"({o.ServerNoContextTakeover}, {o.ServerMaxWindowBits})"));
            var accepted = string.Join(", ", accepts.Select(a => $"({a.NoContext}, {a.Bits})"));
            var text = $"Use permessage-deflate client offers (requestNoContextTakeover, requestMaxWindowBits): [{offered}] / server accept (requestNoContextTakeover, requestMaxWindowBits): [{accepted}]";
            foreach (var c in Subgroup($"13.{j++}", CompressionCorpus.All[0], offers, accepts, text))
            {
                yield return c;
            }
        }
    }

    private static IEnumerable<CaseDefinition> Subgroup(string prefix, CompressionCorpus corpus, DeflateParameters[] offers, (bool NoContext, int Bits)[] accepts, string parameters)
    {
        var i = 1;
        foreach (var (size, seconds, fragment) in Settings)
        {
            yield return new CaseDefinition(
                $"{prefix}.{i++}",
                $"Send 1000 compressed messages each of payload size {size}, auto-fragment to {fragment} octets. {parameters} Corpus: {corpus.Description} ({(corpus.Binary ? "binary" : "utf8")}, {corpus.Data.Length} bytes).",
                $"Receive echo'ed messages (with payload as sent). Timeout case after {seconds} secs.",
                async run =>
                {
                    if (!run.Connection.HasDeflate)
                    {
                        run.RecordEvents = false;
                        run.Decide(Verdict.Unimplemented, "permessage-deflate was not agreed.");
                        await run.SendCloseAsync(ExpectedClose.Normal).ConfigureAwait(false);
                        return;
                    }

                    await EchoTimed.RunAsync(run, run.Options.CompressionMessages, TimeSpan.FromSeconds(seconds),
                        n => (corpus.Slice(n, size), corpus.Binary),
                        (payload, binary) => run.Connection.SendMessageAsync(payload, binary, fragment)).ConfigureAwait(false);
                })
            {
                ClientOffers = offers,
                ServerAccept = clientOffers => Accept(clientOffers, accepts),
            };
        }
    }

    /// <summary>
    /// The fuzzer as server: the first client offer the accept list fits. A window for the client needs
    /// the client to have offered client_max_window_bits; an offer asking the fuzzer for a window under
    /// 15 bits is declined (its deflater always uses 15).
    /// </summary>
    private static DeflateParameters? Accept(IReadOnlyList<DeflateParameters> offers, (bool NoContext, int Bits)[] accepts)
    {
        foreach (var (noContext, bits) in accepts)
        {
            foreach (var offer in offers)
            {
                if (offer.ServerMaxWindowBits is > 0 and < 15 || (bits > 0 && offer.ClientMaxWindowBits == 0))
                {
                    continue;
                }

                return new DeflateParameters(
                    ServerNoContextTakeover: offer.ServerNoContextTakeover,
                    ClientNoContextTakeover: noContext || offer.ClientNoContextTakeover,
                    ServerMaxWindowBits: offer.ServerMaxWindowBits,
                    ClientMaxWindowBits: bits);
            }
        }

        return null;
    }
}
