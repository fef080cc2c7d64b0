namespace Moonwire.Specs.Tests;

/// <summary>Where the specs (in the repository) and the seed documents (in shared/, beside the
/// repository) are.</summary>
internal static class Paths
{
    public static readonly (string Dialect, string Document)[] Dialects =
    [
        ("hoozi", "000_85bd907d9997a923.txt"),
        ("coromega", "001_8022e993ab5ecbc9.txt"),
        ("luatos", "002_95aaf40131b45cf4.txt"),
        ("silly", "003_e0298f5db73f26b5.txt"),
        ("wippy", "004_6b3a613581e47e1b.txt"),
    ];

    /// <summary>The repository root: found from the test binaries upwards, since CI builds map
    /// source paths (CallerFilePath) to /_/.</summary>
    public static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bindings.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("no Bindings.sln above " + AppContext.BaseDirectory);
    }

    public static string Spec(string dialect) => Path.Combine(Repository(), "specs", dialect + ".yaml");

    public static string Seed(string document) => Path.Combine(Repository(), "..", "shared", "seeds", document);
}
