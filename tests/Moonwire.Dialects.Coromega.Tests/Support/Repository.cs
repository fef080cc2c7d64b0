namespace Moonwire.Dialects.Coromega.Tests;

/// <summary>Files of the repository, found from the test binaries upwards (CI maps source paths).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string Example(string name) => Path.Combine(Root, "examples", "coromega", name);

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bindings.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("no Bindings.sln above " + AppContext.BaseDirectory);
    }
}
