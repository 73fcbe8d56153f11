using System.Text;

namespace Recsys.Model.Data;

/// <summary>Reads comma-separated records (RFC 4180 quoting: fields in double quotes may hold commas,
/// doubled quotes and line breaks). Like Python's csv module, text after a closing quote is kept
/// literally up to the next comma.</summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private readonly StringBuilder quotedField = new();
    private long linesRead;

    /// <summary>1-based line on which the last record read starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/> (an empty line gives no fields).</summary>
    /// <returns>False at the end of the input.</returns>
    /// <exception cref="FormatException">A quoted field is not closed before the end of the input.</exception>
    public bool TryRead(List<string> fields)
    {
        var line = reader.ReadLine();
        if (line is null)
        {
            return false;
        }

        RecordLine = ++linesRead;
        fields.Clear();
        if (line.Length == 0)
        {
            return true;
        }

        var position = 0;
        while (true)
        {
            var quoted = position < line.Length && line[position] == '"';
            if (quoted)
            {
                position = ReadQuoted(ref line, position + 1);
            }

            var comma = line.IndexOf(',', position);
            var end = comma < 0 ? line.Length : comma;
            fields.Add(quoted
                ? quotedField.Append(line, position, end - position).ToString()
                : line[position..end]);
            if (comma < 0)
            {
                return true;
            }

            position = comma + 1;
        }
    }

    /// <summary>Reads a quoted field's content into <see cref="quotedField"/>, following it onto the
    /// next lines when it holds line breaks.</summary>
    /// <returns>The position just after the closing quote.</returns>
    private int ReadQuoted(ref string line, int position)
    {
        quotedField.Clear();
        while (true)
        {
            var quote = line.IndexOf('"', position);
            if (quote < 0)
            {
                quotedField.Append(line, position, line.Length - position).Append('\n');
                line = reader.ReadLine()
                    ?? throw new FormatException($"a quoted field opened on line {RecordLine} is never closed");
                linesRead++;
                position = 0;
                continue;
            }

            quotedField.Append(line, position, quote - position);
            if (quote + 1 < line.Length && line[quote + 1] == '"')
            {
                quotedField.Append('"');
                position = quote + 2;
                continue;
            }

            return quote + 1;
        }
    }
}
