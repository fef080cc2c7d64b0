using Microsoft.CodeAnalysis;

namespace Moonwire.Generators.Tests;

/// <summary>Bad specs are reported with the YAML file and line (the header takes lines 1-4), and
/// produce no code.</summary>
public sealed class DiagnosticsTests
{
    private const string Header = """
        dialect: demo
        document: demo.txt
        title: Demo

        """;

    [Theory(Timeout = 30_000)]
    [InlineData("MW0001", 8, """
        modules:
          - path: demo
            call: function
            source: [unclosed
        """)]
    [InlineData("MW0002", 12, """
        modules:
          - path: demo
            call: function
            source: Demo
            functions:
              - name: connect
                source: connect(url)
                params:
                  - {name: url, type: Url}
        """)]
    [InlineData("MW0003", 13, """
        modules:
          - path: demo
            call: function
            source: Demo
            functions:
              - name: send
                source: send(a)
                params: [{name: a, type: string}]
              - source: send(b)
                name: send
        """)]
    [InlineData("MW0004", 9, """
        modules:
          - path: demo
            call: function
            source: Demo
            functions:
              - name: close
                doc: no source here
              - name: open
                source: open()
                returns: []
        """)]
    [InlineData("MW0005", 9, """
        modules:
          - path: demo
            call: function
            source: Demo
            functions:
              - name: write
                source: write
                overloads:
                  - {source: write(text), params: [{name: text, type: string}]}
                  - {source: write(count), params: [{name: count, type: integer}, {name: text, type: string, optional: true}]}
                  - {source: write(data), params: [{name: data, type: string}, {name: mode, type: integer}]}
        """)]
    public async Task Bad_spec_is_reported_at_its_line(string id, int line, string body)
    {
        await Task.Yield();
        var result = GeneratorRunner.Run(GeneratorRunner.Spec("/specs/demo.yaml", Header + body));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/specs/demo.yaml", span.Path);
        Assert.Equal(line, span.StartLinePosition.Line + 1);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact(Timeout = 30_000)]
    public async Task Every_spec_in_the_repository_is_clean()
    {
        await Task.Yield();
        foreach (var dialect in GeneratedCodeTests.DialectNames)
        {
            var result = GeneratorRunner.Run(GeneratorRunner.SpecFile(dialect));
            Assert.Empty(result.Diagnostics);
            Assert.Equal(2, result.GeneratedSources.Length);
        }
    }
}
