namespace Moonwire.Generators.Tests;
public sealed class Scratch
{
    [Fact]
    public void Dump()
    {
        var spec = Moonwire.Generators.Parsing.SpecParser.Parse("x", File.ReadAllText(GeneratorRunner.SpecPath("hoozi"))).Spec!;
        try { foreach (var d in new[]{"hoozi","coromega","luatos","silly","wippy"}) foreach (var f in Moonwire.Generators.Emit.BindingsEmitter.Emit(Moonwire.Generators.Parsing.SpecParser.Parse("x", File.ReadAllText(GeneratorRunner.SpecPath(d))).Spec!)) File.WriteAllText("/tmp/gen_" + f.HintName, f.Text); }
        catch (Exception e) { File.WriteAllText("/tmp/gen_err.txt", e.ToString()); throw; }
    }
}
