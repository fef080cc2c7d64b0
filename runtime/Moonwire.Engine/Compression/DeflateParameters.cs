namespace Moonwire.Engine.Compression;

/// <summary>
/// What a permessage-deflate negotiation settled (RFC 7692 §7.1): whether each side drops its window between
/// messages, and the widest window each side compresses with.
/// </summary>
public readonly record struct DeflateParameters(
    bool ServerNoContextTakeover,
    bool ClientNoContextTakeover,
    int ServerMaxWindowBits,
    int ClientMaxWindowBits);
