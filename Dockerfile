# The silo image: `recsys serve` on the official .NET 10 images. Built from the repository root:
#   docker build -t recsys-silo .
# The learned model's native shim is not built here (no libtorch in the SDK image), so this image serves the
# non-learned mix only: a silo configured with Recsys:Model:Path stops at start-up saying libtorch is missing.
# Serving a model from a container needs libtorch-dev and libopenblas0-pthread in both stages (not yet done).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Cli/Recsys.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Where a VM or container hides the CPU caches the GC sizes gen 0 at a few MB; see the README ("Tests and benchmarks").
ENV DOTNET_GCgen0size=0x4000000
# A container is reached over its network: listen there, which needs API keys (Recsys:Security:ApiKeys).
ENV RECSYS__LOOPBACKONLY=false
EXPOSE 8080 11111 30000
USER $APP_UID
ENTRYPOINT ["dotnet", "recsys.dll"]
CMD ["serve"]
