"""
Continue a CPC Playground run in PyTorch, on one CPU, one GPU or many with torchrun:

    python3 train.py --data fashion-mnist --steps 2000 --out runs/more
    torchrun --nproc_per_node 4 train.py --data my-images/ --steps 20000 --out runs/big

It starts from config.json and weights.pt beside this file when they are there (the step they hold is
where the run goes on), or from --resume (a playground checkpoint .cpc.zip, or a weights.pt written here).
It writes to --out: metrics.jsonl, report.json (the linear probe against random init and raw pixels, as
the playground's headless runner reports it), weights.pt + config.json (to continue here) and
checkpoint.cpc.zip, which the playground opens with its curves and probes continued.

Any number of processes trains on the same global batch, config.batchSize images a step, and follows the
same loss curve (parallel.py says how). Mixed precision (bfloat16) on CUDA; float32 on CPU.
"""

import argparse
import contextlib
import json
import os
import signal
import sys
import time

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

import images as image_data
import outputs
import probe
import runlog
from cpc import (CPC, DEFAULT_CONFIG, learning_rate_at, load_playground_optimizer, load_playground_state,
                 make_optimizer, read_playground_checkpoint, step_optimizer)
from parallel import Batches, Cluster, step_generator

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0], formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('--data', help='an image folder (class subfolders optional) or mnist | fashion-mnist\n'
                                   '(default: the built-in set the run trained on)')
    p.add_argument('--steps', type=int, required=True, help='steps to train in this session')
    p.add_argument('--out', default='runs/pytorch', help='folder for checkpoints, metrics and the report')
    p.add_argument('--resume', help='a playground checkpoint (.cpc.zip) or a weights.pt to start from')
    p.add_argument('--config', help='a config.json to start from scratch with (default: the one beside train.py)')
    p.add_argument('--datasets', help="folder holding the built-in sets' <name>.json and <name>.png")
    p.add_argument('--log-every', type=int, default=10)
    p.add_argument('--save-every', type=int, default=1000, help='steps between checkpoints (and one at the end)')
    p.add_argument('--device', choices=('auto', 'cpu', 'cuda'), default='auto')
    p.add_argument('--no-amp', action='store_true', help='train in float32 on CUDA too')
    p.add_argument('--no-probe', action='store_true', help='skip the final probe (report.json has probe null)')
    p.add_argument('--schedule-steps', type=int, help="where the learning rate's schedule ends (config\n"
                   'scheduleSteps, rewritten in config.json and the .cpc.zip); past it the rate stays at its floor')
    args = p.parse_args(argv)
    if args.steps < 1 or args.log_every < 1 or args.save_every < 1:
        p.error('--steps, --log-every and --save-every must be positive')
    if args.schedule_steps is not None and args.schedule_steps < 1:
        p.error('--schedule-steps must be positive')
    return args


# -----------------------------------------------------------------------------
# Where the run starts


class Start:
    """config; step done; weights and AdamW state by playground name (None for a fresh run); extra."""

    def __init__(self, config, step=0, params=None, m=None, v=None, count=0, extra=None, source='a fresh start'):
        self.config = {**DEFAULT_CONFIG, **config}
        self.step, self.params, self.m, self.v, self.count = step, params, m, v, count
        self.extra = extra or {}
        self.source = source


def find_start(args):
    if args.resume:
        return start_from_zip(args.resume) if args.resume.endswith('.zip') else start_from_weights(args.resume)
    if args.config:
        return Start(read_json(args.config), source=f'{args.config}, fresh weights')
    if os.path.exists(os.path.join(HERE, 'weights.pt')):
        return start_from_weights(os.path.join(HERE, 'weights.pt'))
    if os.path.exists(os.path.join(HERE, 'config.json')):
        return Start(read_json(os.path.join(HERE, 'config.json')), source='config.json, fresh weights')
    raise SystemExit('No config: put config.json beside train.py, or pass --config or --resume')


def start_from_zip(path):
    config, step, tensors, manifest = read_playground_checkpoint(path)
    params, m, v, count = outputs.split_playground_tensors(tensors)
    return Start(config, step, params, m, v, count, manifest.get('extra'), source=f'{path} at step {step}')


def start_from_weights(path):
    """weights.pt beside its config.json (and the playground's extra.json, which holds the curves)."""
    saved = torch.load(path, map_location='cpu')
    if saved.get('format') != outputs.WEIGHTS_FORMAT:
        raise SystemExit(f'{path}: not a {outputs.WEIGHTS_FORMAT} file')
    folder = os.path.dirname(os.path.abspath(path))
    extra_path = os.path.join(folder, 'extra.json')
    extra = read_json(extra_path) if os.path.exists(extra_path) else {}
    opt = saved.get('optimizer')
    return Start(read_json(os.path.join(folder, 'config.json')), int(saved['step']), saved['params'],
                 opt and opt['m'], opt and opt['v'], int(opt['step']) if opt else 0, extra,
                 source=f"{path} at step {int(saved['step'])}")


def run_builtin_set(extra):
    """The built-in set a playground run trained on, as its checkpoint's extra names it."""
    ref = extra.get('dataset') or {}
    name = ref.get('name') if ref.get('kind') == 'builtin' else extra.get('data')
    if name not in image_data.BUILTIN_DATASETS:
        raise SystemExit('--data is needed: the run did not train on a built-in set that train.py reads '
                         f"({', '.join(image_data.BUILTIN_DATASETS)}); give an image folder")
    return name


def read_json(path):
    with open(path) as f:
        return json.load(f)


def build(start, device):
    """The model (seeded init, then the saved weights) and its AdamW (with the saved moments)."""
    torch.manual_seed(start.config['seed'])
    model = CPC(start.config)
    if start.params is not None:
        load_playground_state(model, start.params)
    model.to(device)
    optimizer = make_optimizer(model, model.config)
    if start.m is not None:
        load_playground_optimizer(optimizer, model, start.m, start.v, start.count)
    return model, optimizer


# -----------------------------------------------------------------------------
# Training


def train(args, cluster, start, model, optimizer, train_set, log):
    """args.steps steps from start.step; checkpoints every --save-every and right after the last step
    (before the probe, which may take long). Ctrl-C saves the steps done so far, then exits non-zero."""
    step_module = model
    if cluster.world > 1:
        device_ids = [cluster.device] if cluster.device.type == 'cuda' else None
        step_module = DistributedDataParallel(model, device_ids=device_ids)
    batches = Batches(len(train_set), model.config['batchSize'], cluster, model.config['seed'])
    pixels = torch.as_tensor(train_set.pixels, device=cluster.device)  # [N, S, S, C] uint8, all on the device
    amp = cluster.device.type == 'cuda' and not args.no_amp and torch.cuda.is_bf16_supported()
    history = runlog.History.load(start.extra.get('history'), model.geometry['ks'])
    rows, window, began = [], [], time.perf_counter()
    metrics_file = open_metrics(args, start) if cluster.main else None
    last_step = start.step + args.steps
    model.train()
    try:
        for i in range(args.steps):
            step = start.step + i  # 0-based index of this step
            local = pixels[batches.at(step)].permute(0, 3, 1, 2).float() / 255  # [b, C, S, S]
            row = train_step(step_module, model, optimizer, local, step, amp)
            rows.append(row)
            window.append(row)
            history.append(row)
            if not row['finite']:
                log(f"step {step + 1}: loss is {row['loss']}; the update was skipped (learning rate too high?)")
            if len(window) == args.log_every or i == args.steps - 1:
                write_window(metrics_file, window, began, i + 1, last_step, model.config['batchSize'], log)
                window = []
            if cluster.main and (i + 1) % args.save_every == 0 and i < args.steps - 1:
                outputs.save(args, model, optimizer, step + 1, start, history)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C would cut the save short
        done = start.step + len(rows)
        log(f'interrupted: saving the {len(rows)} steps done')
        if window:
            write_window(metrics_file, window, began, len(rows), last_step, model.config['batchSize'], log)
        if cluster.main:
            if rows:
                outputs.save(args, model, optimizer, done, start, history)
            if metrics_file:
                metrics_file.close()
        raise SystemExit(f'interrupted after step {done}' + (f': saved to {args.out}' if rows else '; nothing saved'))
    if metrics_file:
        metrics_file.close()
    if cluster.main:
        outputs.save(args, model, optimizer, last_step, start, history)
    return rows, history, time.perf_counter() - began


def open_metrics(args, start):
    """metrics.jsonl, continued when the run resumes into the folder it was saved in (the rows up to the
    start step kept, later ones, from a session whose last save was lost, dropped), else a new file."""
    path = os.path.join(args.out, 'metrics.jsonl')
    resumed_here = args.resume and os.path.samefile(os.path.dirname(os.path.abspath(args.resume)), args.out)
    if not (resumed_here and start.step > 0 and os.path.exists(path)):
        return open(path, 'w')
    with open(path) as f:
        kept = [line for line in f if line.strip() and json.loads(line).get('step', 0) <= start.step]

    def write(tmp):
        with open(tmp, 'w') as f:
            f.writelines(kept)

    runlog.write_replacing(path, write)
    return open(path, 'a')


def train_step(step_module, model, optimizer, local, step, amp):
    """One step of the global batch from this process's images local [b, C, S, S]; its metrics row.
    cpc.CPC.forward draws the whole batch's augmentation and candidates from the step's generator."""
    generator = step_generator(model.config['seed'], step)
    with torch.autocast('cuda', dtype=torch.bfloat16) if amp else contextlib.nullcontext():
        loss, metrics = step_module(local, generator)
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    grad_norm, accepted = step_optimizer(model, optimizer, loss, step)
    return step_row(step + 1, metrics, grad_norm, learning_rate_at(step, model.config), accepted)


def step_row(step, metrics, grad_norm, learning_rate, accepted):
    """One step's numbers, read back from the device in one transfer."""
    k = len(metrics['ks'])
    packed = torch.cat([torch.stack([metrics['loss'], metrics['accuracy'], grad_norm]).float(),
                        metrics['loss_k'].float(), metrics['accuracy_k'].float()]).tolist()  # [3 + 2K]
    return {
        'step': step,
        'loss': packed[0],
        'accuracy': packed[1],
        'ks': list(metrics['ks']),
        'lossPerK': packed[3 : 3 + k],
        'accuracyPerK': packed[3 + k :],
        'gradNorm': packed[2],
        'learningRate': learning_rate,
        'finite': accepted,
    }


def write_window(metrics_file, window, began, done, last_step, batch, log):
    elapsed = time.perf_counter() - began
    line = runlog.window_row(window, elapsed * 1000)
    if metrics_file:
        # NaN and Infinity as null, as the Node runner writes them (JSON has neither)
        metrics_file.write(json.dumps(runlog.finite_or_null(line), allow_nan=False) + '\n')
        metrics_file.flush()
    log(f"step {line['step']}/{last_step}  loss {line['loss']:.4f}  cpc acc {line['accuracy']:.3f}  "
        f"lr {line['learningRate']:.2e}  {1000 * elapsed / done:.0f} ms/step  {batch * done / elapsed:.0f} images/s")


def main(argv):
    args = parse_args(argv)
    cluster = Cluster(args.device)
    log = (lambda line: print(line, flush=True)) if cluster.main else (lambda line: None)
    start = find_start(args)
    cfg = start.config
    if args.schedule_steps is not None:
        cfg['scheduleSteps'] = args.schedule_steps
    if cfg['schedule'] != 'constant' and start.step + args.steps > cfg['scheduleSteps']:
        log(f"warning: the learning-rate schedule ends at step {cfg['scheduleSteps']} (config scheduleSteps); "
            f'steps after it, up to {start.step + args.steps}, train at its floor. --schedule-steps moves the end.')
    args.data = args.data or run_builtin_set(start.extra)
    train_set, test_set = image_data.load_data(args.data, cfg['imageSize'], cfg['channels'], args.datasets)
    log(f'start: {start.source}; data: {train_set.description}, {len(train_set)} training images; {cluster.describe()}')
    os.makedirs(args.out, exist_ok=True)
    model, optimizer = build(start, cluster.device)
    rows, history, seconds = train(args, cluster, start, model, optimizer, train_set, log)
    log(f"trained {len(rows)} steps in {seconds:.1f} s: {cfg['batchSize'] * len(rows) / seconds:.1f} images/s")
    if cluster.world > 1:
        dist.barrier()
    cluster.close()
    if not cluster.main:
        return
    model.eval()
    probe_result = None
    if test_set is not None and not args.no_probe:
        probe_result = probe.compare_with_random_init(model, train_set, test_set, cluster.device)
        outputs.log_probe(probe_result, log)
    report = outputs.final_report(cluster, model, rows, seconds, probe_result, train_set)
    points = start.extra.get('probeHistory', [])
    if probe_result is not None:
        points = [p for p in points if p['step'] < report['steps']] + [runlog.probe_point(report['steps'], probe_result)]
    runlog.write_json(os.path.join(args.out, 'report.json'), runlog.finite_or_null(report))
    # weights.pt and config.json were saved when training ended; the probe changes only the playground's files
    outputs.save(args, model, optimizer, report['steps'], start, history, points, runlog.finite_or_null(report),
                 weights=False)
    log(f'wrote metrics.jsonl, report.json, weights.pt, config.json, checkpoint.cpc.zip to {args.out}')


if __name__ == '__main__':
    main(sys.argv[1:])
