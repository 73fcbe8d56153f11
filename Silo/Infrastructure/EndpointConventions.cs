namespace Recsys.Silo.Infrastructure;

internal static class EndpointConventions
{
    /// <summary>Documents a batch endpoint: a JSON array or NDJSON of <typeparamref name="T"/>, and the
    /// ways <see cref="PayloadReader.ReadBatch{T}"/> refuses one.</summary>
    public static RouteHandlerBuilder AcceptsBatchOf<T>(this RouteHandlerBuilder endpoint) =>
        endpoint
            .Accepts<T[]>("application/json", PayloadReader.NdjsonMediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
