using Orleans.Serialization;
using Orleans.Storage;
using Recsys.Grains.Interfaces.Json;

namespace Recsys.Storage.Json;

/// <summary>Grain state as JSON with the service's conventions (<see cref="RecsysJson"/>): member names,
/// never .NET type names, so renaming or moving a state class keeps what is stored readable; members added
/// later read as their defaults and members removed are skipped. State classes keep keyed collections in
/// sorted order, so equal states give equal bytes.</summary>
public static class GrainStateJson
{
    /// <summary>Orleans' System.Text.Json storage serializer configured with <see cref="RecsysJson"/>.</summary>
    public static SystemTextJsonGrainStorageSerializer CreateSerializer()
    {
        var options = new SystemTextJsonGrainStorageSerializerOptions();
        RecsysJson.Configure(options.JsonSerializerOptions);
        options.JsonSerializerOptions.IncludeFields = false;
        return new SystemTextJsonGrainStorageSerializer(Microsoft.Extensions.Options.Options.Create(options));
    }
}
