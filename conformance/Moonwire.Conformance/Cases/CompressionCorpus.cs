using System.Globalization;
using System.Text;

namespace Moonwire.Conformance.Cases;

/// <summary>
/// Stand-ins for Autobahn's five compression test files, generated from a fixed seed with the kind of
/// content and the size of each original: JSON and HTML as ASCII text (any slice stays valid UTF-8), a
/// greyscale bitmap, German prose (sent as binary, as Autobahn does) and a PDF-like mix of text and
/// incompressible streams.
/// </summary>
internal sealed record CompressionCorpus(string Description, bool Binary, byte[] Data)
{
    public static IReadOnlyList<CompressionCorpus> All { get; } =
    [
        new("Large JSON data file", false, Json(194237)),
        new("Lena Picture, Bitmap 512x512 bw", true, Bitmap(263222)),
        new("Human readable text, Goethe's Faust I (German)", true, German(222218)),
        new("Large HTML file", false, Html(83012)),
        new("A larger PDF", true, Pdf(1042328)),
    ];

    /// <summary>The next message: a window into the data, wrapping around at its end.</summary>
    public byte[] Slice(int index, int length)
    {
        var message = new byte[length];
        var start = (int)((long)index * length % Data.Length);
        for (var i = 0; i < length; i++)
        {
            message[i] = Data[(start + i) % Data.Length];
        }

        return message;
    }

    private static byte[] Exactly(StringBuilder text, int size, Func<StringBuilder, StringBuilder> more)
    {
        while (text.Length < size)
        {
            more(text);
        }

        return Encoding.UTF8.GetBytes(text.ToString())[..size];
    }

    private static byte[] Json(int size)
    {
        var random = new Random(12);
        string[] names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];
        var id = 0;
        return Exactly(new StringBuilder("["), size, t => t.Append(
            CultureInfo.InvariantCulture,
            $"{{\"id\": {id++}, \"name\": \"{names[random.Next(names.Length)]}-{random.Next(1000)}\", \"active\": {(random.Next(2) == 0 ? "true" : "false")}, " +
            $"\"score\": {random.Next(100000) / 100.0:F2}, \"tags\": [\"{names[random.Next(names.Length)]}\", \"{names[random.Next(names.Length)]}\"]}},\n"));
    }

    private static byte[] Html(int size)
    {
        var random = new Random(34);
        string[] words = ["table", "layout", "content", "section", "navigation", "footer", "header", "article", "link", "image"];
        return Exactly(new StringBuilder("<!DOCTYPE html>\n<html><head><title>Test</title></head><body>\n"), size, t => t.Append(
            CultureInfo.InvariantCulture,
            $"<div class=\"{words[random.Next(words.Length)]}\"><a href=\"/{words[random.Next(words.Length)]}/{random.Next(500)}.html\">{words[random.Next(words.Length)]} {words[random.Next(words.Length)]}</a><p>{string.Join(' ', Enumerable.Range(0, 8).Select(_ => words[random.Next(words.Length)]))}</p></div>\n"));
    }

    private static byte[] German(int size)
    {
        var random = new Random(56);
        string[] words = ["Habe", "nun", "ach", "Philosophie", "Juristerei", "und", "Medizin", "leider", "auch", "Theologie", "durchaus", "studiert", "mit", "heißem", "Bemühn", "Da", "steh", "ich", "armer", "Tor", "bin", "so", "klug", "als", "wie", "zuvor", "Grüße", "Mädchen", "schön"];
        return Exactly(new StringBuilder(), size, t => t.Append(string.Join(' ', Enumerable.Range(0, 9).Select(_ => words[random.Next(words.Length)]))).Append(random.Next(3) == 0 ? ".\n" : ",\n"));
    }

    private static byte[] Bitmap(int size)
    {
        var random = new Random(78);
        var data = new byte[size];
        "BM"u8.CopyTo(data);
        BitConverter.TryWriteBytes(data.AsSpan(2), size);
        BitConverter.TryWriteBytes(data.AsSpan(10), 1078);
        for (var i = 1078; i < size; i++)
        {
            var x = (i - 1078) % 512;
            var y = (i - 1078) / 512;
            data[i] = (byte)(((x * 3) + (y * 2) + (int)(40 * Math.Sin(x / 23.0) * Math.Cos(y / 17.0)) + random.Next(8)) & 0xFF);
        }

        return data;
    }

    private static byte[] Pdf(int size)
    {
        var random = new Random(90);
        var data = new MemoryStream();
        var n = 1;
        while (data.Length < size)
        {
            data.Write(Encoding.ASCII.GetBytes($"{n++} 0 obj\n<< /Length 4096 /Filter /FlateDecode >>\nstream\n"));
            var noise = new byte[4096];
            random.NextBytes(noise);
            data.Write(noise);
            data.Write("\nendstream\nendobj\n"u8);
            data.Write(Encoding.ASCII.GetBytes($"BT /F1 12 Tf 72 {700 - (n % 50 * 12)} Td (Page {n} of the conformance corpus) Tj ET\n"));
        }

        byte[] all = [.. "%PDF-1.4\n"u8, .. data.ToArray()];
        return all[..size];
    }
}
