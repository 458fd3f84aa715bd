"""Reference values for src/cpc/losses/contrastive.test.ts, computed in float64 with the standard library.

Run: python3 src/cpc/losses/reference/reference_losses.py
"""
import math

SCORES = [[2.0, 1.0, 0.0, -1.5], [0.5, 0.5, 3.0, 0.25], [-2.0, -3.0, -1.0, 4.0]]
CODE_SIZE = 2


def softplus(x):
    return math.log1p(math.exp(-abs(x))) + max(x, 0.0)


def info_nce(row):
    m = max(row)
    log_sum = m + math.log(sum(math.exp(v - m) for v in row))
    return log_sum - row[0]


def binary_nce(row, d):
    s = [v / d for v in row]
    pos = softplus(-s[0])
    neg = sum(softplus(v) for v in s[1:]) / (len(s) - 1)
    return 0.5 * (pos + neg)


def wins(row):
    return 1.0 if row[0] > max(row[1:]) else 0.0


print("infoNce", [round(info_nce(r), 10) for r in SCORES])
print("binaryNce", [round(binary_nce(r, CODE_SIZE), 10) for r in SCORES])
print("wins", [wins(r) for r in SCORES])
