# The silo image: `recsys serve` on the official .NET 10 images. Built from the repository root:
#   docker build -t recsys-silo .
# The image can serve a learned model (Recsys:Model:Path) on the CPU: the TorchSharp-cpu package publishes libtorch
# with the app, and the .NET 10 images (Ubuntu 24.04) have a libstdc++ new enough for TorchSharp's native library.
# Only the linux-x64 native libraries are kept: the packages also carry Windows' and macOS' libtorch (~0.5 GB).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Cli/Recsys.Cli.csproj -c Release -o /app --nologo \
    && find /app/runtimes -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} +

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
