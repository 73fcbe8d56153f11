#!/usr/bin/env python3
"""Reads a recsys checkpoint directory the way a PyTorch user would, and says whether it is sound.

    python3 scripts/gpu/check_checkpoint.py MODEL_DIR [--json OUT.json]

With PyTorch installed the weights are read by torch (safetensors.torch.load_file when the safetensors
package is there, else torch.frombuffer over the file's own header); without it, by the Python standard
library alone, which checks the same layout. Checks: the header is valid JSON with a dtype, shape and byte
range per tensor; the ranges tile the data section exactly; every value is finite; the parameter count equals
config.json's parameter_count. Exits 1 naming the first problem.
"""
import argparse
import json
import math
import os
import struct
import sys

DTYPE_BYTES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1}
STRUCT_CODES = {"F64": "d", "F32": "f", "I64": "q", "I32": "i", "I16": "h", "I8": "b", "U8": "B", "BOOL": "?"}


def fail(message):
    print(f"check_checkpoint: {message}", file=sys.stderr)
    sys.exit(1)


def read_header(path):
    with open(path, "rb") as handle:
        length_bytes = handle.read(8)
        if len(length_bytes) != 8:
            fail(f"{path}: shorter than the 8-byte header length")
        (length,) = struct.unpack("<Q", length_bytes)
        header = json.loads(handle.read(length))
    return 8 + length, {name: entry for name, entry in header.items() if name != "__metadata__"}


def check_layout(path, data_start, tensors):
    data_bytes = os.path.getsize(path) - data_start
    end = 0
    for name, entry in sorted(tensors.items(), key=lambda item: item[1]["data_offsets"][0]):
        begin, stop = entry["data_offsets"]
        if entry["dtype"] not in DTYPE_BYTES:
            fail(f"{name}: unknown dtype {entry['dtype']}")
        if begin != end:
            fail(f"{name}: starts at byte {begin}, the previous tensor ended at {end}")
        expected = math.prod(entry["shape"]) * DTYPE_BYTES[entry["dtype"]]
        if stop - begin != expected:
            fail(f"{name}: {stop - begin} bytes for shape {entry['shape']} of {entry['dtype']} ({expected} expected)")
        end = stop
    if end != data_bytes:
        fail(f"the tensors cover {end} bytes of a {data_bytes}-byte data section")


def load_with_torch(path, data_start, tensors):
    import torch
    try:
        from safetensors.torch import load_file
        return "safetensors.torch.load_file", load_file(path)
    except ImportError:
        pass
    dtypes = {"F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
              "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8,
              "BOOL": torch.bool}
    with open(path, "rb") as handle:
        blob = bytearray(handle.read())
    loaded = {}
    for name, entry in tensors.items():
        begin, stop = entry["data_offsets"]
        chunk = blob[data_start + begin:data_start + stop]
        loaded[name] = torch.frombuffer(chunk, dtype=dtypes[entry["dtype"]]).reshape(entry["shape"]).clone()
    return "torch.frombuffer", loaded


def summarise_torch(loaded):
    import torch
    summary = {}
    for name, tensor in loaded.items():
        values = tensor.double()
        if not bool(torch.isfinite(values).all()):
            fail(f"{name}: holds NaN or infinite values")
        summary[name] = {"shape": list(tensor.shape), "dtype": str(tensor.dtype), "sum": float(values.sum())}
    return summary


def summarise_stdlib(path, data_start, tensors):
    summary = {}
    with open(path, "rb") as handle:
        for name, entry in tensors.items():
            code = STRUCT_CODES.get(entry["dtype"])
            if code is None:
                fail(f"{name}: {entry['dtype']} cannot be read without PyTorch")
            begin, stop = entry["data_offsets"]
            handle.seek(data_start + begin)
            count = math.prod(entry["shape"])
            values = struct.unpack(f"<{count}{code}", handle.read(stop - begin))
            if not all(math.isfinite(value) for value in values):
                fail(f"{name}: holds NaN or infinite values")
            summary[name] = {"shape": entry["shape"], "dtype": entry["dtype"], "sum": math.fsum(values)}
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir")
    parser.add_argument("--json", help="write the per-tensor summary here")
    args = parser.parse_args()

    for required in ("config.json", "vocab.txt", "model.safetensors"):
        if not os.path.isfile(os.path.join(args.model_dir, required)):
            fail(f"{args.model_dir} has no {required}")
    path = os.path.join(args.model_dir, "model.safetensors")
    data_start, tensors = read_header(path)
    check_layout(path, data_start, tensors)
    try:
        import torch  # noqa: F401
        reader, loaded = load_with_torch(path, data_start, tensors)
        reader = f"{reader} (torch {torch.__version__})"
        summary = summarise_torch(loaded)
    except ImportError:
        reader, summary = "the Python standard library (no torch here)", summarise_stdlib(path, data_start, tensors)

    with open(os.path.join(args.model_dir, "config.json"), encoding="utf-8") as handle:
        config = json.load(handle)
    parameters = sum(math.prod(entry["shape"]) for entry in summary.values())
    expected = config.get("parameter_count")
    if expected is not None and parameters != expected:
        fail(f"{parameters} values in model.safetensors, config.json says parameter_count {expected}")
    print(f"check_checkpoint: {path}: {len(summary)} tensors, {parameters:,} values, all finite, read by {reader}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"reader": reader, "parameters": parameters, "tensors": summary}, handle, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
