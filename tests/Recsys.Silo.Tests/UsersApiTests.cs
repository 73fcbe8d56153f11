namespace Recsys.Silo.Tests;

public sealed class UsersApiTests(SiloFixture fixture) : SiloTests(fixture)
{
    [Fact]
    public async Task The_profile_shows_tracked_events_and_forget_erases_them()
    {
        var user = Sample.Id("u");
        await Silo.Post("/v1/events", Sample.Json(new[] { Sample.Event(user, "i1"), Sample.Event(user, "i2", EventType.Purchase) }));

        var profile = await Silo.Http.GetFromJsonAsync<UserProfile>($"/v1/users/{user}/profile", RecsysJson.Options);
        Assert.True(profile!.Known);
        Assert.Equal(2, profile.EventsTracked);
        Assert.Equal("France", profile.Scene.Location);

        Assert.Equal(HttpStatusCode.NoContent, (await Silo.Http.DeleteAsync($"/v1/users/{user}")).StatusCode);

        var forgotten = await Silo.Http.GetFromJsonAsync<UserProfile>($"/v1/users/{user}/profile", RecsysJson.Options);
        Assert.False(forgotten!.Known);
        Assert.Empty(forgotten.RecentEvents);
    }

    [Fact]
    public async Task Recommendations_honour_k_scene_and_exclusions()
    {
        var user = Sample.Id("u");
        var items = Enumerable.Range(0, 6).Select(i => Sample.Id($"item{i}")).ToList();
        await Silo.Post("/v1/items", Sample.Json(items.Select(id => Sample.Item(id))));
        await Silo.Post("/v1/events", Sample.Json(items.Select(id => Sample.Event(user, id, EventType.Purchase))));

        var query = $"k=3&location=Germany&device=desktop&at={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}"
            + $"&promotion=spring,summer&promotion=autumn&exclude={items[0]},{items[1]}&exclude={items[2]}";
        var list = await Silo.Http.GetFromJsonAsync<RecommendationList>($"/v1/users/{user}/recommendations?{query}", RecsysJson.Options);

        Assert.Equal(user, list!.UserId);
        Assert.InRange(list.Items.Count, 1, 3);
        Assert.DoesNotContain(list.Items, item => items.Take(3).Contains(item.ItemId));
        Assert.Equal("Germany", list.Scene.Location);
        Assert.Equal("desktop", list.Scene.Device);
        Assert.Equal(["spring", "summer", "autumn"], list.Scene.PromotionIds);
    }

    [Fact]
    public async Task The_body_form_takes_long_exclusion_lists()
    {
        var user = Sample.Id("u");
        var items = new[] { Sample.Id("a:b@c.d~e"), Sample.Id("c"), Sample.Id("d") };
        await Silo.Post("/v1/items", Sample.Json(items.Select(id => Sample.Item(id))));
        await Silo.Post("/v1/events", Sample.Json(items.Select(id => Sample.Event(user, id, EventType.Purchase))));
        // 1,000 ids of 100 characters: about 100 KB, far past what a request line may hold.
        var excluded = Enumerable.Range(0, 999).Select(i => $"{i:D3}" + new string('x', 97)).Append(items[0]).ToList();

        var response = await Silo.Post($"/v1/users/{user}/recommendations", Sample.Json(new RecommendationRequest
        {
            Count = 5,
            Location = "Germany",
            PromotionIds = ["spring"],
            ExcludeItemIds = excluded,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await response.Content.ReadFromJsonAsync<RecommendationList>(RecsysJson.Options);
        Assert.DoesNotContain(list!.Items, item => item.ItemId == items[0]);
        Assert.Contains(list.Items, item => item.ItemId == items[1]);
        Assert.Equal("Germany", list.Scene.Location);
        Assert.Equal(["spring"], list.Scene.PromotionIds);
    }

    [Theory]
    [InlineData("""{"count":0}""", "count")]
    [InlineData("""{"count":"ten"}""", "count")]
    [InlineData("""{"excludeItemIds":["ok"," "]}""", "excludeItemIds[1]")]
    [InlineData("""{"at":"1900-01-01T00:00:00Z"}""", "at")]
    [InlineData("""{"category":"  "}""", "category")]
    [InlineData("""{"repeats":"no"}""", "repeats")]
    [InlineData("""[1, 2]""", "body")]
    [InlineData("""{"count":""", "body")]
    public async Task A_bad_body_is_refused_naming_the_field(string body, string field)
    {
        var problem = await Problem.Read(await Silo.Post($"/v1/users/{Sample.Id("u")}/recommendations", body), 400);

        Assert.Equal([field], problem.Errors.Keys);
    }

    [Fact]
    public async Task The_body_form_wants_json()
    {
        var response = await Silo.Post($"/v1/users/{Sample.Id("u")}/recommendations", "k=3", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("k=ten", "k")]
    [InlineData("k=0", "k")]
    [InlineData("k=201", "k")]
    [InlineData("at=yesterday", "at")]
    [InlineData("at=1900-01-01T00:00:00Z", "at")]
    [InlineData("promoted=yes", "promoted")]
    [InlineData("repeats=0", "repeats")]
    [InlineData("category=%20", "category")]
    [InlineData("exclude=a,b&exclude=0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789", "exclude[2]")]
    public async Task Bad_query_parameters_are_named(string query, string field)
    {
        var problem = await Problem.Read(await Silo.Http.GetAsync($"/v1/users/{Sample.Id("u")}/recommendations?{query}"), 400);

        Assert.Equal([field], problem.Errors.Keys);
    }

    [Fact]
    public async Task Empty_scene_parameters_count_as_left_out()
    {
        var response = await Silo.Http.GetAsync($"/v1/users/{Sample.Id("u")}/recommendations?location=&device=&promotion=");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_invalid_user_id_is_refused()
    {
        var problem = await Problem.Read(await Silo.Http.GetAsync($"/v1/users/{new string('x', 200)}/profile"), 400);

        problem.HasField("userId");
    }
}
