using System.Text;
using Recsys.Runtime.Serialization;

namespace Recsys.Runtime.Tests;

public sealed class SerializationTests
{
    public sealed class CartV1
    {
        public string? Owner { get; set; }

        public List<string> Items { get; set; } = [];
    }

    public sealed class CartV2
    {
        public string? Owner { get; set; }

        public List<string> Items { get; set; } = [];

        public SortedDictionary<string, int> Quantities { get; set; } = [];

        public int Version { get; set; } = 2;
    }

    private readonly JsonGrainStateSerializer _serializer = new();

    [Fact]
    public void EqualStatesSerializeToEqualBytes()
    {
        var a = new CartV2 { Owner = "u", Items = ["x", "y"], Quantities = new() { ["y"] = 2, ["x"] = 1 } };
        var b = new CartV2 { Owner = "u", Items = ["x", "y"], Quantities = new() { ["x"] = 1, ["y"] = 2 } };

        Assert.Equal(_serializer.Serialize(a), _serializer.Serialize(b));
        Assert.Equal("""{"owner":"u","items":["x","y"],"quantities":{"x":1,"y":2},"version":2}""", Encoding.UTF8.GetString(_serializer.Serialize(a)));
    }

    [Fact]
    public void ANewerReaderReadsOldStateWithDefaultsForAddedFields()
    {
        var old = _serializer.Serialize(new CartV1 { Owner = "u", Items = ["x"] });

        var read = _serializer.Deserialize<CartV2>(old);

        Assert.Equal("u", read.Owner);
        Assert.Equal(["x"], read.Items);
        Assert.Empty(read.Quantities);
        Assert.Equal(2, read.Version);
    }

    [Fact]
    public void AnOlderReaderSkipsFieldsItDoesNotKnow()
    {
        var newer = _serializer.Serialize(new CartV2 { Owner = "u", Items = ["x"], Quantities = new() { ["x"] = 3 } });

        var read = _serializer.Deserialize<CartV1>(newer);

        Assert.Equal("u", read.Owner);
        Assert.Equal(["x"], read.Items);
    }

    [Fact]
    public void NullPayloadIsAClearError()
    {
        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() => _serializer.Deserialize<CartV1>("null"u8));
        Assert.Contains("CartV1", error.Message);
    }
}
