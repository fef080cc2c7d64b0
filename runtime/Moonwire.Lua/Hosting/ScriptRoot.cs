namespace Moonwire.Lua;

/// <summary>
/// The folder a script's file paths resolve under. A path is refused if it is absolute, has a
/// <c>..</c> segment, or leaves the folder through a symbolic link.
/// </summary>
public sealed class ScriptRoot
{
    // Linux's own limit (MAXSYMLINKS); a longer chain is a loop.
    private const int MaxLinkDepth = 40;

    /// <summary>A root at <paramref name="directory"/>, with its symbolic links resolved.</summary>
    public ScriptRoot(string directory)
    {
        Directory = RealPath(Path.GetFullPath(directory), 0);
    }

    /// <summary>The root as an absolute path with its own links resolved.</summary>
    public string Directory { get; }

    /// <summary>The absolute path of <paramref name="relative"/>, or a <see cref="LuaException"/> saying why not.</summary>
    public string Resolve(string relative)
    {
        if (relative.Length == 0 || relative.Contains('\0', StringComparison.Ordinal))
        {
            throw new LuaException($"invalid path '{relative}'");
        }

        if (Path.IsPathRooted(relative))
        {
            throw new LuaException($"path '{relative}' is absolute; script paths are relative to the script root");
        }

        if (relative.Split('/', '\\').Contains(".."))
        {
            throw new LuaException($"path '{relative}' leaves the script root ('..' is not allowed)");
        }

        var resolved = RealPath(Path.GetFullPath(Path.Combine(Directory, relative)), 0);
        if (!IsInside(resolved))
        {
            throw new LuaException($"path '{relative}' leaves the script root through a symbolic link");
        }

        return resolved;
    }

    private bool IsInside(string path) =>
        path == Directory
        || path.StartsWith(Path.EndsInDirectorySeparator(Directory) ? Directory : Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // Follows every link along the path, as the kernel would when the script opens it; parts that do
    // not exist yet are kept as written.
    private static string RealPath(string fullPath, int depth)
    {
        var root = Path.GetPathRoot(fullPath)!;
        var current = root;
        foreach (var segment in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, segment);
            var link = new FileInfo(current).LinkTarget;
            if (link is null)
            {
                continue;
            }

            if (depth == MaxLinkDepth)
            {
                throw new LuaException($"too many levels of symbolic links at '{current}'");
            }

            current = RealPath(Path.GetFullPath(link, Path.GetDirectoryName(current)!), depth + 1);
        }

        return current;
    }
}
