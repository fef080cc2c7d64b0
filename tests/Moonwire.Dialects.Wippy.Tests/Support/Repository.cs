namespace Moonwire.Dialects.Wippy.Tests.Support;

/// <summary>Paths in the repository, found from the test binaries (CI maps source paths elsewhere).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Example(string name) => Path.Combine(Root, "examples", "wippy", name);

    public static string ExampleSource(string name) => File.ReadAllText(Example(name));

    private static string FindRoot()
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
