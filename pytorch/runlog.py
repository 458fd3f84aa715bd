"""What a run writes besides weights, in the shapes the playground reads:

  - metrics.jsonl: one row per logged window, as the headless runner writes it (src/node/headlessRun.ts);
  - the curves' history: per-step rows folded into at most 256 buckets (src/ui/store/metricsHistory.ts),
    which the playground's checkpoint keeps in `extra.history` (src/ui/keep/runExtra.ts);
  - the probe history (`extra.probeHistory`, src/ui/learned/probeHistory.ts);
  - report.json (HeadlessReport).
"""

import json
import math
import os

MAX_BUCKETS = 256
EMA_ALPHA = 0.02
REPORT_WINDOW = 50


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else float('nan')


class History:
    """The playground's bucketed curve history; `load` continues one read from a checkpoint."""

    def __init__(self, ks):
        self.buckets, self.width, self.ks, self.total_rows = [], 1, list(ks), 0

    @classmethod
    def load(cls, raw, ks):
        history = cls(ks)
        if isinstance(raw, dict) and isinstance(raw.get('buckets'), list) and raw.get('width', 0) >= 1:
            history.buckets = [{k: from_json_number(v) for k, v in b.items()} for b in raw['buckets']]
            for b in history.buckets:
                b['accuracyPerKSum'] = [from_json_number(v) for v in b['accuracyPerKSum']]
            history.width = raw['width']
            history.ks = raw.get('ks') or history.ks
            history.total_rows = sum(b['rows'] for b in history.buckets)
        return history

    def append(self, row):
        """row: step, loss, accuracy, accuracyPerK, learningRate (appendRows, one row)."""
        last = self.buckets[-1] if self.buckets else None
        ema = last['lossEma'] if last else row['loss']
        if math.isfinite(row['loss']):
            ema = ema + EMA_ALPHA * (row['loss'] - ema)
        if last and last['rows'] < self.width:
            self.buckets[-1] = add_row(last, row, ema)
        else:
            self.buckets.append(add_row(None, row, ema))
        if len(self.buckets) > MAX_BUCKETS:
            self.buckets = merge_pairs(self.buckets)
            self.width *= 2
        self.total_rows += 1

    def to_json(self):
        """Non-finite numbers as strings, as runExtraRecord writes them (JSON has no Infinity)."""
        buckets = [
            {k: (list(map(json_number, v)) if isinstance(v, list) else json_number(v)) for k, v in b.items()}
            for b in self.buckets
        ]
        return {'buckets': buckets, 'width': self.width, 'ks': self.ks, 'totalRows': self.total_rows}


def add_row(bucket, row, ema):
    base = bucket or {
        'step': row['step'],
        'rows': 0,
        'lossSum': 0.0,
        'lossMin': math.inf,
        'lossMax': -math.inf,
        'lossEma': ema,
        'accuracySum': 0.0,
        'accuracyPerKSum': [0.0] * len(row['accuracyPerK']),
        'learningRate': row['learningRate'],
    }
    return {
        'step': row['step'],
        'rows': base['rows'] + 1,
        'lossSum': base['lossSum'] + row['loss'],
        'lossMin': min(base['lossMin'], row['loss']),
        'lossMax': max(base['lossMax'], row['loss']),
        'lossEma': ema,
        'accuracySum': base['accuracySum'] + row['accuracy'],
        'accuracyPerKSum': [s + a for s, a in zip(base['accuracyPerKSum'], row['accuracyPerK'])],
        'learningRate': row['learningRate'],
    }


def merge_pairs(buckets):
    merged = []
    for i in range(0, len(buckets), 2):
        a = buckets[i]
        b = buckets[i + 1] if i + 1 < len(buckets) else None
        if b is None:
            merged.append(a)
            continue
        merged.append({
            'step': b['step'],
            'rows': a['rows'] + b['rows'],
            'lossSum': a['lossSum'] + b['lossSum'],
            'lossMin': min(a['lossMin'], b['lossMin']),
            'lossMax': max(a['lossMax'], b['lossMax']),
            'lossEma': b['lossEma'],
            'accuracySum': a['accuracySum'] + b['accuracySum'],
            'accuracyPerKSum': [x + y for x, y in zip(a['accuracyPerKSum'], b['accuracyPerKSum'])],
            'learningRate': b['learningRate'],
        })
    return merged


def json_number(value):
    if isinstance(value, float) and not math.isfinite(value):
        return 'NaN' if math.isnan(value) else ('Infinity' if value > 0 else '-Infinity')
    return value


def from_json_number(value):
    return float(value) if value in ('Infinity', '-Infinity', 'NaN') else value


def window_row(rows, elapsed_ms):
    """One metrics.jsonl line: means over the window's finite steps, the last step's lr and grad norm."""
    last = rows[-1]
    finite = [r for r in rows if r['finite']]
    ks = last['ks']
    return {
        'step': last['step'],
        'loss': mean(r['loss'] for r in finite),
        'accuracy': mean(r['accuracy'] for r in finite),
        'lossPerK': [mean(r['lossPerK'][k] for r in finite) for k in range(len(ks))],
        'accuracyPerK': [mean(r['accuracyPerK'][k] for r in finite) for k in range(len(ks))],
        'ks': ks,
        'learningRate': last['learningRate'],
        'gradNorm': last['gradNorm'],
        'elapsedMs': round(elapsed_ms),
    }


def probe_point(step, probe):
    """The probe panel's point for a probe run (ProbePoint)."""
    return {
        'step': step,
        'feature': probe['feature'],
        'cpc': probe['cpc'],
        'randomInit': probe['randomInit'],
        'pixels': probe['pixels'],
        'features': probe['features'],
    }


def finite_or_null(value):
    """NaN and ±Infinity as null, which is what JSON.stringify writes for them (report.json)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite_or_null(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite_or_null(v) for v in value]
    return value


def write_json(path, value):
    text = json.dumps(value, indent=2, allow_nan=False) + '\n'
    def write(tmp):
        with open(tmp, 'w') as f:
            f.write(text)

    write_replacing(path, write)


def write_replacing(path, write):
    """write(tmp) writes the file to path + '.tmp', which then replaces path in one step: a kill part-way
    leaves the previous file whole (and a stray .tmp), never a half-written one."""
    tmp = path + '.tmp'
    write(tmp)
    os.replace(tmp, path)
