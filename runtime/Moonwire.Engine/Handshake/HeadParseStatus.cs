namespace Moonwire.Engine.Handshake;

/// <summary>The outcome of parsing an HTTP head; <see cref="HttpHeadParser.StatusCodeFor"/> maps each failure to its status.</summary>
public enum HeadParseStatus
{
    Done,
    NeedMoreData,
    Malformed,
    RequestLineTooLong,
    HeaderLineTooLong,
    HeadTooLarge,
    TooManyHeaders,
    UnsupportedVersion,
}
