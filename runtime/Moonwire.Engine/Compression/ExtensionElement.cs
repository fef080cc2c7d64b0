namespace Moonwire.Engine.Compression;

/// <summary>One extension of a Sec-WebSocket-Extensions list: its name and its parameters in order.</summary>
public sealed class ExtensionElement(string name, IReadOnlyList<ExtensionParameter> parameters)
{
    /// <summary>The extension token, e.g. permessage-deflate.</summary>
    public string Name { get; } = name;

    /// <summary>The parameters in the order they were sent.</summary>
    public IReadOnlyList<ExtensionParameter> Parameters { get; } = parameters;
}

/// <summary>One parameter; <see cref="Value"/> is null when it was given bare, and unquoted when it was quoted.</summary>
public readonly record struct ExtensionParameter(string Name, string? Value);
