"""Writes the playground's checkpoint file (src/cpc/checkpoint/format.ts): a zip of checkpoint.json
(format, version, config, step, tensor table, extra) and tensors.bin (little-endian float32,
concatenated). Tensors keep the playground's names, layouts and shapes, a scalar's [] included
(cpc's write_playground_checkpoint writes optimizer/count as [1], which the playground refuses; once
it keeps the shape, this file can go)."""

import datetime
import io
import json
import os
import zipfile

import numpy as np

FORMAT = "cpc-playground-checkpoint"
VERSION = 1
MANIFEST_FILE = "checkpoint.json"
TENSORS_FILE = "tensors.bin"


def encode_checkpoint(config, step, tensors, extra):
    """tensors: {name: array}; returns the zip's bytes."""
    table, chunks, offset = [], [], 0
    for name, values in tensors.items():
        flat = np.asarray(values, dtype="<f4").reshape(-1)
        table.append({"name": name, "shape": list(np.shape(values)), "offset": offset, "length": int(flat.size)})
        chunks.append(flat.tobytes())
        offset += flat.size
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "config": config,
        "step": int(step),
        "createdAt": datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z"),
        "tensors": table,
        "extra": extra,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(MANIFEST_FILE, json.dumps(manifest, allow_nan=False))
        z.writestr(TENSORS_FILE, b"".join(chunks))
    return buffer.getvalue()


def write_checkpoint(path, config, step, tensors, extra):
    data = encode_checkpoint(config, step, tensors, extra)
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)
