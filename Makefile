# The two set-up commands of the README are `./recsys demo` and `make test`.
.PHONY: test demo build bench gpu-pack clean

test:
	@scripts/test.sh

demo:
	@./recsys demo

build:
	@scripts/bootstrap.sh
	dotnet build Recsys.Orleans.sln -c Release --nologo

bench:
	@scripts/bootstrap.sh
	DOTNET_GCgen0size=$${DOTNET_GCgen0size:-0x4000000} dotnet run --project tests/Recsys.Benchmarks -c Release -- $(ARGS)

# Packs .gpu/ for scripts/gpu/run.sh on a GPU host with PyTorch but without .NET (see scripts/gpu/run.sh).
gpu-pack:
	@scripts/gpu/pack.sh

clean:
	rm -rf artifacts */bin */obj tests/*/bin tests/*/obj
