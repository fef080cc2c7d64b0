namespace Moonwire.Engine.Protocol;

/// <summary>Which end of the connection this is: it decides masking (RFC 6455 §5.1) and who closes TCP first (§7.1.1).</summary>
public enum Role
{
    /// <summary>The end that opened the connection: masks its frames.</summary>
    Client,
    /// <summary>The end that accepted it: never masks, closes TCP first.</summary>
    Server,
}
