using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Recsys.Model.Tests.Support;

/// <summary>Builds safetensors files, well-formed or not, for tests of the reader.</summary>
internal static class SafeTensorsBytes
{
    /// <summary>Lays the tensors out one after another and writes the matching header.</summary>
    public static byte[] Build(IEnumerable<Tensor> tensors)
    {
        var header = new JsonObject { ["__metadata__"] = new JsonObject { ["format"] = "pt" } };
        var data = new MemoryStream();
        foreach (var tensor in tensors)
        {
            header[tensor.Name] = new JsonObject
            {
                ["dtype"] = tensor.DType,
                ["shape"] = new JsonArray(tensor.Shape.Select(size => (JsonNode)size).ToArray()),
                ["data_offsets"] = new JsonArray(data.Length, data.Length + tensor.Data.Length),
            };
            data.Write(tensor.Data);
        }

        return Build(header.ToJsonString(), data.ToArray());
    }

    /// <summary>A file of exactly this header and data.</summary>
    public static byte[] Build(string header, byte[] data)
    {
        var headerBytes = Encoding.UTF8.GetBytes(header);
        return [.. BitConverter.GetBytes((ulong)headerBytes.Length), .. headerBytes, .. data];
    }

    public static byte[] Bytes<T>(params T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    public sealed record Tensor(string Name, string DType, long[] Shape, byte[] Data)
    {
        public static Tensor Floats(string name, long[] shape, float[] values) => new(name, "F32", shape, Bytes(values));
    }
}
