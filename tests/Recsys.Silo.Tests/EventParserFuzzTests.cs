using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Recsys.Grains.Interfaces.Validation;
using Recsys.Silo.Infrastructure;
using Xunit.Abstractions;

namespace Recsys.Silo.Tests;

/// <summary>The event parser of POST /v1/events (JSON arrays and NDJSON) fed mutated bodies: it answers each with
/// events or errors and never throws. 20,000 inputs by default; RECSYS_FUZZ_INPUTS=1000000 for the long run.</summary>
public sealed class EventParserFuzzTests(ITestOutputHelper output)
{
    private const int DefaultInputs = 20_000;

    private static readonly string[] Seeds =
    [
        """{"eventId":"536365:85123A","userId":"17850","itemId":"85123A","type":"purchase","timestamp":"2010-12-01T08:26:00+00:00","quantity":6,"price":2.55,"basketId":"536365","location":"United Kingdom"}""",
        """{"eventId":"e1","userId":"u1","itemId":"i1","type":"view","timestamp":"2011-06-01T09:00:00Z","device":"mobile","promotionIds":["XMAS","SPRING"]}""",
    ];

    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "-1", "1e999", "NaN", "\\u0000", "\\ud800", "\n", "\r", "\t", "é", "\u0001",
        "\"type\":0", "\"timestamp\":\"2011-01-01T00:00:00\"", "\"quantity\":1.5", "/*", "*/", "\uFEFF", "9999999999999999999999",
    ];

    [Fact]
    public async Task Mutated_event_bodies_never_make_the_parser_throw()
    {
        var inputs = int.TryParse(Environment.GetEnvironmentVariable("RECSYS_FUZZ_INPUTS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : DefaultInputs;
        var random = new Random(20261206);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < inputs; i++)
        {
            var ndjson = random.Next(2) == 0;
            var body = Mutate(ndjson ? string.Join("\n", Seeds) : "[" + string.Join(",", Seeds) + "]", random);
            var context = new DefaultHttpContext();
            context.Request.ContentType = ndjson ? "application/x-ndjson" : "application/json";
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            try
            {
                var payload = await PayloadReader.ReadBatch<UserEvent>(context.Request, "events", 10_000, CancellationToken.None);
                var problem = payload.Check(e => ContractValidator.Validate(e, DateTimeOffset.UtcNow, ContractLimits.DefaultMaxClockSkew));
                var outcome = problem is null ? "valid" : payload.Rejection is not null ? "rejected" : "invalid";
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
            catch (Exception e)
            {
                Assert.Fail($"Input {i} made the parser throw {e.GetType().Name}: {e.Message}\n{body}");
            }
        }
        output.WriteLine($"{inputs:N0} inputs: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Value:N0} {o.Key}"))}");
        Assert.True(outcomes.Count >= 2, "the mutations should give both accepted and refused bodies");
    }

    /// <summary>One to four edits: a character removed, replaced, duplicated or swapped, or a JSON token inserted.</summary>
    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        for (var edits = random.Next(1, 5); edits > 0 && builder.Length > 1; edits--)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(5))
            {
                case 0:
                    builder.Remove(at, 1);
                    break;
                case 1:
                    builder[at] = (char)random.Next(0, 128);
                    break;
                case 2:
                    builder.Insert(at, builder[at]);
                    break;
                case 3:
                    var other = random.Next(builder.Length);
                    (builder[at], builder[other]) = (builder[other], builder[at]);
                    break;
                default:
                    builder.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
            }
        }
        return builder.ToString();
    }
}
