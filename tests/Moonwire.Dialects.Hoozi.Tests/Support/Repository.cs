namespace Moonwire.Dialects.Hoozi.Tests;

/// <summary>Paths in the repository, found upwards from the test binaries.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string Example(string name) => Path.Combine(Root, "examples", "hoozi", name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bindings.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Bindings.sln) is not above " + AppContext.BaseDirectory);
    }
}
