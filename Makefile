# The two set-up commands of the README are `./recsys demo` and `make test`.
.PHONY: test demo build bench clean

test:
	@scripts/test.sh

demo:
	@./recsys demo

build:
	@scripts/bootstrap.sh
	dotnet build Recsys.Orleans.sln -c Release --nologo

bench:
	@scripts/bootstrap.sh
	dotnet run --project tests/Recsys.Benchmarks -c Release --nologo -- $(ARGS)

clean:
	rm -rf artifacts */bin */obj tests/*/bin tests/*/obj Model/native/build
