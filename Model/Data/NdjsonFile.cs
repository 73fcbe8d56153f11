using Recsys.Grains.Interfaces.Json;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Recsys.Model.Data;

/// <summary>Newline-delimited JSON files, one object a line, gzip-compressed when the name ends in ".gz".</summary>
internal static class NdjsonFile
{
    public static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Streams the objects of a file, skipping blank lines.</summary>
    /// <param name="validate">Returns the problem with an object, or null when it is fine.</param>
    /// <exception cref="DataFormatException">A line is not a valid object; names the file and line.</exception>
    public static IEnumerable<T> Read<T>(string path, Func<T, string?> validate) where T : class
    {
        using var file = File.OpenRead(path);
        using var stream = IsGzip(path) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            T? item;
            try
            {
                item = JsonSerializer.Deserialize<T>(line, RecsysJson.Options);
            }
            catch (JsonException e)
            {
                throw new DataFormatException(path, lineNumber, e.Message);
            }

            var problem = item is null ? "expected an object, found null" : validate(item);
            if (problem is not null)
            {
                throw new DataFormatException(path, lineNumber, problem);
            }

            yield return item!;
        }
    }

    /// <returns>The number of objects written.</returns>
    public static int Write<T>(string path, IEnumerable<T> items)
    {
        using var file = File.Create(path);
        return WriteLines(file, items.Select(Serialize), IsGzip(path));
    }

    /// <summary>One object as a line's UTF-8 JSON, without the line break.</summary>
    public static byte[] Serialize<T>(T item) => JsonSerializer.SerializeToUtf8Bytes(item, RecsysJson.Options);

    /// <summary>Writes serialized objects (see <see cref="Serialize{T}"/>) one a line.</summary>
    /// <returns>The number of lines written.</returns>
    public static int WriteLines(Stream destination, IEnumerable<byte[]> lines, bool gzip)
    {
        var stream = gzip ? new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true) : destination;
        try
        {
            var count = 0;
            foreach (var line in lines)
            {
                stream.Write(line);
                stream.WriteByte((byte)'\n');
                count++;
            }

            return count;
        }
        finally
        {
            if (gzip)
            {
                stream.Dispose();
            }
        }
    }
}
