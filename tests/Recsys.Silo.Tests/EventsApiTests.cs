namespace Recsys.Silo.Tests;

public sealed class EventsApiTests(SiloFixture fixture) : SiloTests(fixture)
{
    [Fact]
    public async Task A_json_array_of_events_is_accepted()
    {
        var user = Sample.Id("u");
        var result = await Silo.Track(Sample.Json(new[] { Sample.Event(user, "i1"), Sample.Event(user, "i2", EventType.Purchase) }));

        Assert.Equal(2, result.Accepted);
        Assert.Equal(0, result.Duplicates);
    }

    [Fact]
    public async Task Ndjson_events_are_accepted()
    {
        var user = Sample.Id("u");
        var events = Enumerable.Range(0, 3).Select(i => Sample.Event(user, $"i{i}"));

        var result = await Silo.Track(Sample.Ndjson(events), "application/x-ndjson");

        Assert.Equal(3, result.Accepted);
    }

    [Fact]
    public async Task Resent_events_are_counted_as_duplicates()
    {
        var user = Sample.Id("u");
        var body = Sample.Json(new[] { Sample.Event(user, "i1"), Sample.Event(user, "i2") });
        await Silo.Track(body);

        var again = await Silo.Track(body);

        Assert.Equal(0, again.Accepted);
        Assert.Equal(2, again.Duplicates);
    }

    [Fact]
    public async Task Events_on_unknown_items_are_accepted_and_counted()
    {
        var user = Sample.Id("u");
        var known = Sample.Id("item");
        Assert.Equal(HttpStatusCode.NoContent, (await Silo.Put($"/v1/items/{known}", Sample.Json(Sample.Item(known)))).StatusCode);

        var result = await Silo.Track(Sample.Json(new[] { Sample.Event(user, known), Sample.Event(user, Sample.Id("never-upserted")) }));

        Assert.Equal(2, result.Accepted);
        Assert.Equal(1, result.UnknownItems);
    }

    [Fact]
    public async Task An_unknown_event_type_is_reported_by_field()
    {
        var user = Sample.Id("u");
        var body = $$"""[{{Sample.Json(Sample.Event(user, "i1"))}}, {{Sample.Json(Sample.Event(user, "i2")).Replace("\"view\"", "\"teleport\"")}}]""";

        var problem = await Problem.Read(await Silo.Post("/v1/events", body), 400);

        problem.HasField("events[1].type");
        Assert.Contains("purchase", problem.Errors["events[1].type"][0]);
    }

    [Fact]
    public async Task A_missing_user_id_is_reported_and_nothing_is_stored()
    {
        var user = Sample.Id("u");
        var body = $$"""[{{Sample.Json(Sample.Event(user, "i1"))}}, {"eventId":"e2","itemId":"i2","type":"click","timestamp":"2024-05-01T10:00:00Z"}]""";

        var problem = await Problem.Read(await Silo.Post("/v1/events", body), 400);

        Assert.Equal(["events[1].userId"], problem.Errors.Keys);
        Assert.False((await Silo.Client.Profile(user)).Known);
    }

    [Fact]
    public async Task Null_and_mistyped_members_are_reported_by_field()
    {
        var body = """[{"eventId": null, "userId": "u", "itemId": "i", "type": "view", "timestamp": "2024-05-01T10:00:00Z", "quantity": "two"}]""";

        var problem = await Problem.Read(await Silo.Post("/v1/events", body), 400);

        Assert.Equal(["is required."], problem.Errors["events[0].eventId"]);
        Assert.Equal(["must be an integer."], problem.Errors["events[0].quantity"]);
    }

    [Fact]
    public async Task Every_invalid_field_is_listed()
    {
        var user = Sample.Id("u");
        var events = new[]
        {
            Sample.Event(user, "i1") with { Quantity = -2 },
            Sample.Event(user, "i2"),
            Sample.Event(user, "i3") with { Timestamp = DateTimeOffset.UtcNow.AddDays(1) },
            Sample.Event(user, "i4") with { Price = -1, Location = "" },
        };

        var problem = await Problem.Read(await Silo.Post("/v1/events", Sample.Json(events)), 400);

        Assert.Equal(
            ["events[0].quantity", "events[2].timestamp", "events[3].location", "events[3].price"],
            problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("future", problem.Errors["events[2].timestamp"][0]);
    }

    [Fact]
    public async Task A_NaN_token_is_malformed_json_with_its_position()
    {
        var json = Sample.Json(new[] { Sample.Event(Sample.Id("u"), "i1") with { Price = 1.5 } }).Replace("1.5", "NaN");

        var problem = await Problem.Read(await Silo.Post("/v1/events", json), 400);

        Assert.Contains("line 1, byte", problem.Errors["body"][0]);
    }

    [Fact]
    public async Task A_NaN_string_is_not_a_price()
    {
        // The member, not any "1.5": the timestamp's fraction of a second can hold those characters too.
        var json = Sample.Json(new[] { Sample.Event(Sample.Id("u"), "i1") with { Price = 1.5 } }).Replace("\"price\":1.5", "\"price\":\"NaN\"");

        var problem = await Problem.Read(await Silo.Post("/v1/events", json), 400);

        problem.HasField("events[0].price");
    }

    [Fact]
    public async Task Malformed_json_names_the_line()
    {
        var body = "[\n  {\"eventId\": \"e1\",\n   \"userId\": oops}\n]";

        var problem = await Problem.Read(await Silo.Post("/v1/events", body), 400);

        Assert.Contains("line 3", problem.Errors["body"][0]);
    }

    [Fact]
    public async Task Ndjson_errors_name_the_line()
    {
        var user = Sample.Id("u");
        var lines = string.Join("\n",
            Sample.Json(Sample.Event(user, "i1")),
            "",
            Sample.Json(Sample.Event(user, "i2") with { Timestamp = DateTimeOffset.UtcNow.AddDays(1) }),
            "{\"eventId\": nope}");

        var problem = await Problem.Read(await Silo.Post("/v1/events", lines, "application/x-ndjson"), 400);

        problem.HasField("line 3: timestamp");
        problem.HasField("line 4");
        Assert.Equal(2, problem.Errors.Count);
    }

    [Theory]
    [InlineData("[]", "application/json")]
    [InlineData("", "application/json")]
    [InlineData("\n\n", "application/x-ndjson")]
    public async Task An_empty_batch_is_refused(string body, string contentType)
    {
        var problem = await Problem.Read(await Silo.Post("/v1/events", body, contentType), 400);

        Assert.Contains("no events", problem.Errors["body"][0]);
    }

    [Fact]
    public async Task A_single_object_is_not_a_batch()
    {
        var problem = await Problem.Read(await Silo.Post("/v1/events", Sample.Json(Sample.Event("u", "i"))), 400);

        Assert.Contains("array", problem.Errors["body"][0]);
    }

    [Fact]
    public async Task More_events_than_the_batch_limit_are_refused_with_413()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("{}", 10_001)) + "]";

        var problem = await Problem.Read(await Silo.Post("/v1/events", body), 413);

        Assert.Contains("10000", problem.Detail);
    }

    [Fact]
    public async Task A_body_over_the_byte_limit_is_refused_with_413()
    {
        var body = "[" + new string(' ', 17 * 1024 * 1024) + "]";

        var problem = await Problem.Read(await Silo.Post("/v1/events", body), 413);

        Assert.Contains("16777216", problem.Detail);
    }

    [Fact]
    public async Task Other_media_types_are_refused_with_415()
    {
        await Problem.Read(await Silo.Post("/v1/events", "eventId=1", "application/x-www-form-urlencoded"), 415);
    }
}
