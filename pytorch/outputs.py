"""What a run leaves in --out: weights.pt + config.json (to continue with train.py), extra.json and
checkpoint.cpc.zip (the playground's file, with the curves and probes it shows), report.json."""

import os

import torch

import images as image_data
import runlog
from cpc import playground_optimizer_state, playground_state, write_playground_checkpoint

WEIGHTS_FORMAT = 'cpc-playground-weights'

def split_playground_tensors(tensors):
    """A checkpoint's tensors → (weights, AdamW first moments, second moments, applied steps), each
    moment keyed by its weight's name, as load_playground_optimizer takes them."""
    def under(prefix):
        return {n[len(prefix):]: t for n, t in tensors.items() if n.startswith(prefix)}

    params = {n: t for n, t in tensors.items() if not n.startswith('optimizer/')}
    count = int(tensors['optimizer/count']) if 'optimizer/count' in tensors else 0
    return params, under('optimizer/m/') or None, under('optimizer/v/') or None, count


def save(args, model, optimizer, step, start, history, probe_history=None, report=None, weights=True):
    """weights.pt + config.json (this script's format; skipped when weights is False, as after the probe,
    which changes neither) and extra.json + checkpoint.cpc.zip (the playground's). Each file is written
    beside its old one and then replaces it, so a kill mid-save leaves the previous checkpoint whole."""
    params = playground_state(model)
    opt = playground_optimizer_state(optimizer, model)
    if weights:
        _, m, v, count = split_playground_tensors(opt)
        saved = {
            'format': WEIGHTS_FORMAT, 'version': 1, 'step': step,
            'params': {n: torch.from_numpy(t) for n, t in params.items()},
            'optimizer': {'m': {n: torch.from_numpy(t) for n, t in m.items()},
                          'v': {n: torch.from_numpy(t) for n, t in v.items()}, 'step': count},
        }
        runlog.write_replacing(os.path.join(args.out, 'weights.pt'), lambda tmp: torch.save(saved, tmp))
        runlog.write_json(os.path.join(args.out, 'config.json'), model.config)
    extra = playground_extra(args, start, history, probe_history, report)
    runlog.write_json(os.path.join(args.out, 'extra.json'), extra)
    runlog.write_replacing(os.path.join(args.out, 'checkpoint.cpc.zip'), lambda tmp: write_playground_checkpoint(
        tmp, model.config, step, {**params, **opt}, extra))


def playground_extra(args, start, history, probe_history, report):
    """The checkpoint's `extra` as the page writes it (runExtra.ts), plus the runner's data and report."""
    before = start.extra
    points = probe_history if probe_history is not None else before.get('probeHistory', [])
    extra = {
        'runId': before.get('runId'),
        'name': before.get('name'),
        'presetId': before.get('presetId'),
        'dataset': dataset_ref(args.data, before.get('dataset')),
        'history': history.to_json(),
        'probeHistory': points,
        'data': args.data,
    }
    if report is not None:
        extra['report'] = report
    return extra


def dataset_ref(data, before):
    """What the page resumes on (datasetRef.ts): the built-in set, or a folder it asks to import again."""
    if data in image_data.BUILTIN_DATASETS:
        return {'kind': 'builtin', 'name': data}
    name = os.path.basename(os.path.normpath(data))
    if isinstance(before, dict) and before.get('kind') == 'images' and before.get('name') == name:
        return before
    return {'kind': 'images', 'name': name, 'storedImagesId': None}


def final_report(cluster, model, rows, seconds, probe_result, train_set):
    last = rows[-runlog.REPORT_WINDOW:]
    g, cfg = model.geometry, model.config
    geometry = dict(grid=g['grid'], patchSize=cfg['patchSize'], stride=cfg['patchStride'], ks=g['ks'],
                    directions=g['directions'])
    steps = rows[-1]['step']
    return {
        'steps': steps,
        'loss': runlog.mean(r['loss'] for r in last),
        'cpcAccuracy': runlog.mean(r['accuracy'] for r in last),
        'probe': probe_result,
        'backend': cluster.describe(),
        'msPerStep': 1000 * seconds / len(rows),
        'trainMinutes': seconds / 60,
        'nonFiniteSteps': sum(1 for r in rows if not r['finite']),
        'data': train_set.description,
        'config': model.config,
        'geometry': geometry,
    }


def log_probe(result, log):
    pct = lambda v: f'{100 * v:.1f}%'  # noqa: E731
    log(f"probe ({result['trainImages']} train / {result['testImages']} test images), linear / kNN:")
    log(f"  pixels: {pct(result['pixels']['linear'])} / {pct(result['pixels']['knn'])}")
    for feature, s in result['features'].items():
        mark = ' (default)' if feature == result['feature'] else ''
        log(f"  {feature}{mark}: CPC {pct(s['cpc']['linear'])} / {pct(s['cpc']['knn'])}, "
            f"random init {pct(s['randomInit']['linear'])} / {pct(s['randomInit']['knn'])}")
