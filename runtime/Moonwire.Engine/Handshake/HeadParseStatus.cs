namespace Moonwire.Engine.Handshake;

/// <summary>The outcome of parsing an HTTP head; <see cref="HttpHeadParser.StatusCodeFor"/> maps each failure to its status.</summary>
public enum HeadParseStatus
{
    /// <summary>A complete head was parsed.</summary>
    Done,
    /// <summary>The head is not complete yet and no limit is passed.</summary>
    NeedMoreData,
    /// <summary>The bytes are not an HTTP/1.1 head (400).</summary>
    Malformed,
    /// <summary>The request line passes <see cref="HttpLimits.MaxHeaderLineBytes"/> (414).</summary>
    RequestLineTooLong,
    /// <summary>A header line passes <see cref="HttpLimits.MaxHeaderLineBytes"/> (431).</summary>
    HeaderLineTooLong,
    /// <summary>The head passes <see cref="HttpLimits.MaxHeadBytes"/> (431).</summary>
    HeadTooLarge,
    /// <summary>The head has more than <see cref="HttpLimits.MaxHeaderCount"/> fields (431).</summary>
    TooManyHeaders,
    /// <summary>An HTTP version other than 1.1 (505).</summary>
    UnsupportedVersion,
}
