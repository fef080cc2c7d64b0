namespace Moonwire.Engine.Compression;

/// <summary>How one call to <see cref="MessageInflater.Inflate"/> ended.</summary>
public enum InflateStatus
{
    /// <summary>The input was inflated.</summary>
    Ok,

    /// <summary>The message inflates to more than the allowed bytes (close with 1009).</summary>
    MessageTooBig,

    /// <summary>The input is not valid DEFLATE data (close with 1007).</summary>
    Corrupt,
}
