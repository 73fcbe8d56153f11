using System.Text;
using Recsys.Grains.Interfaces.Validation;

namespace Recsys.Silo.Tests;

/// <summary>One id alphabet for every endpoint, enums by name only, timestamps with their offset, JSON bodies
/// declared as such.</summary>
public sealed class StrictInputTests(SiloFixture fixture) : SiloTests(fixture)
{
    private const string IdCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~:@-";

    [Fact]
    public async Task Every_id_accepted_by_the_events_endpoint_is_read_and_erased_by_its_path()
    {
        var random = new Random(12);
        List<string> ids = ["~", "-", "a.", ".a", "..a", ":@", "a@b:c", "_.", new('z', ContractLimits.MaxIdLength)];
        ids.AddRange(Enumerable.Range(0, 200).Select(_ => new string([.. Enumerable.Range(0, random.Next(1, ContractLimits.MaxIdLength + 1))
            .Select(_ => IdCharacters[random.Next(IdCharacters.Length)])])));
        ids = [.. ids.Where(id => id.Any(c => c != '.')).Distinct()];

        var tracked = await Silo.Track(Sample.Json(ids.Select(id => Sample.Event(id, id))));
        Assert.Equal(ids.Count, tracked.Accepted);

        foreach (var id in ids)
        {
            var profile = await Silo.Http.GetFromJsonAsync<UserProfile>($"/v1/users/{id}/profile", RecsysJson.Options);
            Assert.True(profile!.Known && profile.UserId == id, $"'{id}' was tracked but its path reads {profile.UserId}, known: {profile.Known}");
            var item = await Silo.Http.GetAsync($"/v1/items/{id}");
            Assert.True(item.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"GET of item '{id}' by its path answered {item.StatusCode}");
            Assert.Equal(HttpStatusCode.NoContent, (await Silo.Http.DeleteAsync($"/v1/users/{id}")).StatusCode);
            Assert.False((await Silo.Http.GetFromJsonAsync<UserProfile>($"/v1/users/{id}/profile", RecsysJson.Options))!.Known, $"'{id}' was not erased");
        }
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a%2Fb")]
    [InlineData("a%252Fb")]
    [InlineData("a b")]
    [InlineData("a,b")]
    [InlineData("a?b")]
    [InlineData("a#b")]
    [InlineData("é")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a\u0007")]
    public async Task Ids_outside_the_alphabet_are_refused_wherever_they_come(string id)
    {
        var problem = await Problem.Read(await Silo.Post("/v1/events", Sample.Json(new[] { Sample.Event(id, "i1") })), 400);
        Assert.Contains(ContractLimits.IdAlphabet, problem.Errors["events[0].userId"].Single());

        // By its path such an id is refused (400) or, where the client resolves "." and "..", reaches no user route.
        var read = await Silo.Http.GetAsync($"/v1/users/{Uri.EscapeDataString(id)}/profile");
        var erase = await Silo.Http.DeleteAsync($"/v1/users/{Uri.EscapeDataString(id)}");
        Assert.True((int)read.StatusCode is >= 400 and < 500, $"GET of '{id}' by its path answered {read.StatusCode}");
        Assert.True((int)erase.StatusCode is >= 400 and < 500, $"DELETE of '{id}' by its path answered {erase.StatusCode}");
    }

    [Fact]
    public async Task Event_types_are_accepted_by_name_only()
    {
        var body = Sample.Json(new[] { Sample.Event(Sample.Id("u"), "i1") }).Replace("\"type\":\"view\"", "\"type\":0", StringComparison.Ordinal);

        var problem = await Problem.Read(await Silo.Post("/v1/events", body), 400);

        Assert.Contains("one of view, click, cart, purchase", problem.Errors["events[0].type"].Single());
    }

    [Fact]
    public async Task Timestamps_must_carry_their_offset()
    {
        var user = Sample.Id("u");
        var body = $$"""[{"eventId":"{{Sample.Id("e")}}","userId":"{{user}}","itemId":"i1","type":"view","timestamp":"2011-01-01T10:00:00"}]""";

        var problem = await Problem.Read(await Silo.Post("/v1/events", body), 400);
        var query = await Problem.Read(await Silo.Http.GetAsync($"/v1/users/{user}/recommendations?at=2011-01-01T10:00:00"), 400);

        Assert.Contains("UTC offset", problem.Errors["events[0].timestamp"].Single());
        Assert.Contains("UTC offset", query.Errors["at"].Single());
        Assert.Equal(HttpStatusCode.OK, (await Silo.Http.GetAsync($"/v1/users/{user}/recommendations?at=2011-01-01T10:00:00Z")).StatusCode);
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_refused()
    {
        var body = Encoding.UTF8.GetBytes(Sample.Json(new[] { Sample.Event(Sample.Id("u"), "i1") }));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = new ByteArrayContent(body) };

        var problem = await Problem.Read(await Silo.Http.SendAsync(request), 415);

        Assert.Contains("without Content-Type", problem.Detail);
    }
}
