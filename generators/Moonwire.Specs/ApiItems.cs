using System.Text.RegularExpressions;
using Moonwire.Generators.Model;

namespace Moonwire.Specs;

/// <summary>The API items a document or a spec names, in one vocabulary so the two compare:
/// <c>function name</c>, <c>field name</c> (parameters, option, callback and object fields),
/// <c>constant NAME</c>.</summary>
internal static partial class ApiItems
{
    private static readonly HashSet<string> LuaKeywords =
        ["and", "break", "do", "else", "elseif", "end", "false", "for", "function", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while"];

    /// <summary>Items a spec describes. Unnamed callback parameters and Moonwire's extensions are not items.</summary>
    public static SortedSet<string> Of(DialectSpec spec)
    {
        var items = new SortedSet<string>(StringComparer.Ordinal);
        void Functions(IEnumerable<FunctionSpec> functions)
        {
            foreach (var function in functions)
            {
                items.Add("function " + function.Name);
                items.UnionWith(Documented(function.Overloads.SelectMany(o => o.Params)));
            }
        }
        foreach (var module in spec.Modules)
        {
            Functions(module.Functions);
            items.UnionWith(module.Constants.Select(c => "constant " + c.Name.Split('.')[^1]));
        }
        foreach (var type in spec.Types)
        {
            Functions(type.Methods);
            items.UnionWith(type.Fields.Select(f => "field " + f.Name));
        }
        items.UnionWith(Documented(spec.Tables.SelectMany(t => t.Fields)));
        items.UnionWith(Documented(spec.Callbacks.SelectMany(c => c.Params).Where(p => p.Name.Length > 0)));
        return items;
    }

    private static IEnumerable<string> Documented(IEnumerable<ValueSpec> values) =>
        values.Where(v => !v.Extension).Select(v => "field " + v.Name);

    /// <summary>Items a document in the seeds' formats names: signature lines (also glued to the text
    /// before them), calls in its examples, parameter and option tables (one row per line, split over
    /// two lines, or with the cell separators lost), <c>name : type</c> lists, commented table fields
    /// and constant listings. Lines calling one of <paramref name="companions"/> (other modules the
    /// examples use) are skipped.</summary>
    public static SortedSet<string> InDocument(string text, IReadOnlyCollection<string> companions)
    {
        var items = new SortedSet<string>(StringComparer.Ordinal);
        void Add(string kind, string name)
        {
            if (!LuaKeywords.Contains(name))
            {
                items.Add(kind + " " + name);
            }
        }

        var lines = text.Split('\n').Select(l => l.Trim()).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var call = Callee().Match(line);
            if (call.Success && companions.Contains(call.Groups["callee"].Value))
            {
                continue;
            }
            if (Signature().Match(line) is { Success: true } signature && !companions.Contains(signature.Groups["callee"].Value))
            {
                Add("function", signature.Groups["name"].Value);
                foreach (var argument in signature.Groups["args"].Value.Split(',', '[', ']'))
                {
                    var name = argument.Trim().TrimEnd('?');
                    if (name.Length > 0)
                    {
                        Add("field", name);
                    }
                }
                continue;
            }
            if (call.Success && call.Groups["callee"].Value.IndexOfAny(['.', ':']) > 0)
            {
                Add("function", call.Groups["name"].Value);
            }
            if (ConstantListing().Match(line) is { Success: true } listing)
            {
                Add("constant", listing.Groups["name"].Value);
            }
            else if (SplitRowName().Match(line) is { Success: true } rowName && i + 1 < lines.Length && SplitRowRest().Match(lines[i + 1]) is { Success: true } rest)
            {
                Add(rest.Groups["number"].Success ? "constant" : "field", rowName.Groups["name"].Value);
            }
            else if (TypedRow().Match(line) is { Success: true } typed)
            {
                Add("field", typed.Groups["name"].Value);
            }
            else if (CommentedField().Match(line) is { Success: true } field)
            {
                Add("field", field.Groups["name"].Value);
            }
            foreach (Match pair in NameColonType().Matches(line))
            {
                Add("field", pair.Groups["name"].Value);
                if (pair.Groups["argument"].Success)
                {
                    Add("field", pair.Groups["argument"].Value);
                }
            }
        }
        return items;
    }

    // net.ws:connect(url, callbacks) → ws_id : int  |  对象。when_dead(func)  |  end)sock:write(data [, type])
    [GeneratedRegex(@"(?:^|(?<=[^\x00-\x7F)]))(?<callee>(?:[A-Za-z_][A-Za-z0-9_]*[.:])*(?<name>[A-Za-z_][A-Za-z0-9_]*))\((?<args>[A-Za-z0-9_?,\[\] ]*)\)(?:$|\s*[→—]|\s*[^\x00-\x7F])")]
    private static partial Regex Signature();

    // local client, err = websocket.connect("wss://…")  |  client:send(json.encode({
    [GeneratedRegex(@"^(?:local [A-Za-z_][A-Za-z0-9_, ]*= )?(?:return )?(?<callee>(?:[A-Za-z_][A-Za-z0-9_]*[.:])*(?<name>[A-Za-z_][A-Za-z0-9_]*))\s*\(")]
    private static partial Regex Callee();

    // websocket.TEXT -- 1  |  websocket.COMPRESSION.DISABLED -- 0 (no compression)
    [GeneratedRegex(@"^[a-z_]+\.(?:[A-Z_]+\.)?(?<name>[A-Z][A-Z_]*)\s+--")]
    private static partial Regex ConstantListing();

    // a table row split over two lines: "read_limit |" then "number | 最大消息大小 |" (or "1000 | 正常关闭 |")
    [GeneratedRegex(@"^`?(?<name>[A-Za-z_][A-Za-z0-9_]*)`?\s*\|$")]
    private static partial Regex SplitRowName();

    [GeneratedRegex(@"^(?:(?<number>\d+)|(?:string|number|table|boolean|function|int)[^|]*)\s*\|")]
    private static partial Regex SplitRowRest();

    // "url string 说明" (space separated) and "headerstable<string,string>说明" (separators lost)
    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*?) ?(?:(?:table<[^>]*>|string|int|bool|boolean|number|table)(?=$|\s|[^\x00-\x7F])|(?:function|fn)\()")]
    private static partial Regex TypedRow();

    // caCert = “ca.crt”, --CA证书文件  |  insist = 1, --说明
    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:“[^”]*”|""[^""]*""|\d+)\s*,\s*--")]
    private static partial Regex CommentedField();

    // status : int, body : string  |  timeout? : int  |  sock.conn:table  |  callback : function(resp)
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<name>[a-z_][A-Za-z0-9_]*)\??\s*:\s*(?:int|string|bool|function|table|number)\b(?:\((?<argument>[a-z_][A-Za-z0-9_]*)\))?")]
    private static partial Regex NameColonType();
}
