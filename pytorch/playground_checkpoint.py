"""
The CPC Playground's checkpoint file (.cpc.zip, src/cpc/checkpoint/format.ts): a zip holding
`checkpoint.json` (format, version, config, step, tensor table, free-form `extra`) and `tensors.bin`
(every tensor as little-endian float32, concatenated; the table gives each one's name, shape, offset and
length in floats). Weights keep the playground's names and layouts; AdamW's state is `optimizer/count`,
`optimizer/m/<weight>` and `optimizer/v/<weight>`. numpy and the standard library only.
"""

import datetime
import json
import zipfile

import numpy as np

CHECKPOINT_FORMAT = 'cpc-playground-checkpoint'
CHECKPOINT_VERSION = 1
MANIFEST_FILE = 'checkpoint.json'
TENSORS_FILE = 'tensors.bin'


def read_playground_checkpoint(path):
    """Returns (config, step, tensors by name as float32 arrays of their shapes, the whole manifest)."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read(MANIFEST_FILE).decode('utf-8'))
        data = np.frombuffer(archive.read(TENSORS_FILE), dtype='<f4')
    if manifest.get('format') != CHECKPOINT_FORMAT:
        raise ValueError(f'{path} is not a CPC Playground checkpoint')
    if manifest.get('version') != CHECKPOINT_VERSION:
        raise ValueError(f'{path} has checkpoint format {manifest.get("version")}; this reads {CHECKPOINT_VERSION}')
    tensors = {}
    for entry in manifest['tensors']:
        start, length = entry['offset'], entry['length']
        if start + length > data.size or int(np.prod(entry['shape'])) != length:
            raise ValueError(f"{path}: tensor '{entry['name']}' does not fit tensors.bin")
        tensors[entry['name']] = data[start:start + length].reshape(entry['shape']).astype(np.float32)
    return manifest['config'], manifest['step'], tensors, manifest


def write_playground_checkpoint(path, config, step, tensors, extra=None):
    """Writes tensors (name → array-like, any float dtype) as a checkpoint the playground opens."""
    entries, chunks, offset = [], [], 0
    for name, value in tensors.items():
        array = np.array(value, dtype='<f4', order='C')  # np.ascontiguousarray would make a scalar 1-D
        entries.append(dict(name=name, shape=list(array.shape), offset=offset, length=int(array.size)))
        chunks.append(array.reshape(-1).tobytes())
        offset += array.size
    manifest = dict(
        format=CHECKPOINT_FORMAT,
        version=CHECKPOINT_VERSION,
        config=config,
        step=int(step),
        createdAt=datetime.datetime.now(datetime.timezone.utc).isoformat().replace('+00:00', 'Z'),
        tensors=entries,
        extra=extra or {},
    )
    with zipfile.ZipFile(path, 'w', compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(MANIFEST_FILE, json.dumps(manifest))
        archive.writestr(TENSORS_FILE, b''.join(chunks))
