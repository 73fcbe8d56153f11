using Recsys.Model.Data;

namespace Recsys.Model.Tests.Data;

public sealed class CsvRecordReaderTests
{
    [Fact]
    public void Splits_plain_and_quoted_fields()
    {
        var records = ReadAll("a,\"b, with comma\",\"say \"\"hi\"\"\",,last\n");

        Assert.Equal([["a", "b, with comma", "say \"hi\"", "", "last"]], records.Select(r => r.Fields));
    }

    [Fact]
    public void Keeps_text_after_a_closing_quote_literally()
    {
        var records = ReadAll("\"ab\"cd,e\n");

        Assert.Equal(["abcd", "e"], records.Single().Fields);
    }

    [Fact]
    public void Follows_a_quoted_field_over_line_breaks_and_counts_lines()
    {
        var records = ReadAll("h1,h2\n\"two\nlines\",x\n\nlast,row\n");

        Assert.Equal(
            [(1L, new[] { "h1", "h2" }), (2L, ["two\nlines", "x"]), (4L, []), (5L, ["last", "row"])],
            records.Select(r => (r.Line, r.Fields)));
    }

    [Fact]
    public void Reports_an_unclosed_quote()
    {
        var reader = new CsvRecordReader(new StringReader("ok\n\"never closed\nmore"));
        var fields = new List<string>();
        Assert.True(reader.TryRead(fields));

        var error = Assert.Throws<FormatException>(() => reader.TryRead(fields));

        Assert.Contains("line 2", error.Message);
    }

    private static List<(long Line, string[] Fields)> ReadAll(string text)
    {
        var reader = new CsvRecordReader(new StringReader(text));
        var fields = new List<string>();
        var records = new List<(long, string[])>();
        while (reader.TryRead(fields))
        {
            records.Add((reader.RecordLine, fields.ToArray()));
        }

        return records;
    }
}
