namespace Recsys.Silo.Tests;

public sealed class ItemsApiTests(SiloFixture fixture) : SiloTests(fixture)
{
    [Fact]
    public async Task An_upserted_item_can_be_read_back()
    {
        var id = Sample.Id("item");
        Assert.Equal(HttpStatusCode.NoContent, (await Silo.Put($"/v1/items/{id}", Sample.Json(Sample.Item(id, "Red kettle")))).StatusCode);

        var snapshot = await Silo.Http.GetFromJsonAsync<ItemSnapshot>($"/v1/items/{id}", RecsysJson.Options);

        Assert.True(snapshot!.Known);
        Assert.Equal("Red kettle", snapshot.Item!.Title);
    }

    [Fact]
    public async Task The_body_id_may_be_left_out()
    {
        var id = Sample.Id("item");

        var response = await Silo.Put($"/v1/items/{id}", """{"title": "Lamp", "price": 20}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(id, (await Silo.Client.Item(id)).Item!.Id);
    }

    [Fact]
    public async Task A_body_id_other_than_the_url_id_is_refused()
    {
        var problem = await Problem.Read(await Silo.Put("/v1/items/a", Sample.Json(Sample.Item("b"))), 400);

        Assert.Equal(["id"], problem.Errors.Keys);
    }

    [Fact]
    public async Task A_missing_title_is_refused()
    {
        var problem = await Problem.Read(await Silo.Put("/v1/items/a", """{"price": 3}"""), 400);

        Assert.Equal(["title"], problem.Errors.Keys);
    }

    [Fact]
    public async Task Items_are_upserted_in_bulk_from_ndjson()
    {
        var items = Enumerable.Range(0, 3).Select(i => Sample.Item(Sample.Id("item"))).ToList();

        var response = await Silo.Post("/v1/items", Sample.Ndjson(items), "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<Apis.ItemsUpserted>(RecsysJson.Options))!.Upserted);
        Assert.True((await Silo.Client.Item(items[2].Id)).Known);
    }

    [Fact]
    public async Task Bulk_items_are_validated_by_position()
    {
        var items = new[] { Sample.Item(Sample.Id("item")), Sample.Item(Sample.Id("item"), price: -3) };

        var problem = await Problem.Read(await Silo.Post("/v1/items", Sample.Json(items)), 400);

        Assert.Equal(["items[1].price"], problem.Errors.Keys);
    }

    [Fact]
    public async Task An_item_never_seen_is_not_found()
    {
        var problem = await Problem.Read(await Silo.Http.GetAsync($"/v1/items/{Sample.Id("nothing")}"), 404);

        problem.HasField("itemId");
    }
}
