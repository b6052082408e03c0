#!/usr/bin/env python3
"""Where each true element of a case ranks among the candidates of our several-causes search, by that search's own
ranking (a diagnostic for bench/README "Outside figures, unscaled"; it does not score anything).

It recomputes, from the case CSV itself (unscaled, the counts to_requests.py --target 0 writes, without its
rounding), the ranking of `analysis/cause/Causes`: every combination of one to all attributes with at least
RootCause.MIN_SUPPORT (3) failures, by the log-likelihood gain of giving it its own failure rate apart from the
rest less 3 nats per attribute, kept when that reaches Causes.MIN_NET_FURTHER (10) and the candidate's rate is
above the rest's. Two things of the Java search are left out, so the ranks are approximate: the check against what
a candidate's leaves' baselines predict (here every baseline is failure-free, so it passes whenever the rate does)
and the peel-off (the ranking is that of the first round). `Causes.MAX_JUDGED` (200) candidates are judged per
round in this order before the round gives up, so an element ranked past it is not reached in that round.

Usage: gain_rank.py DATA_ROOT DATASET [--limit N]   (reads DATASET/injection_info.csv for the truth)
"""
import argparse
import itertools
import os

import numpy as np
import pandas as pd

COST, MIN_GAIN, MIN_SUPPORT, MAX_JUDGED = 3.0, 10.0, 3, 200


def ll(k, n):
    p = np.where(n > 0, k / np.where(n > 0, n, 1), 0)
    a = np.where(k > 0, k * np.log(np.where(p > 0, p, 1)), 0)
    b = np.where(n - k > 0, (n - k) * np.log(np.where(p < 1, 1 - p, 1)), 0)
    return a + b


def ranking(case_csv):
    d = pd.read_csv(case_csv, dtype=str, keep_default_na=False)
    attrs = sorted(c for c in d.columns if c not in ('real', 'predict'))
    for c in ('real', 'predict'):
        d[c] = d[c].astype(float).clip(lower=0)
    # as to_requests.split with --deviation aggregate
    if d.real.sum() < d.predict.sum():
        d['bad'], d['n'] = np.maximum(d.predict - d.real, 0), np.maximum(d.real, d.predict)
    else:
        d['bad'], d['n'] = np.maximum(d.real - d.predict, 0), d.real
    k_all, n_all = d.bad.sum(), d.n.sum()
    rows = []
    for r in range(1, len(attrs) + 1):
        for combo in itertools.combinations(attrs, r):
            g = d.groupby(list(combo))[['bad', 'n']].sum().reset_index()
            g = g[g.bad >= MIN_SUPPORT]
            if g.empty:
                continue
            k, n = g.bad.to_numpy(), g.n.to_numpy()
            ko, no = k_all - k, n_all - n
            worse = (no > 0) & (k / n > ko / np.where(no > 0, no, 1))
            gain = ll(k, n) + ll(ko, no) - ll(k_all, n_all) - COST * r
            labels = g[list(combo)].astype(str).apply(
                lambda row: '&'.join(f'{a}={v}' for a, v in zip(combo, row)), axis=1)
            for label, gg, kk, nn, w in zip(labels, gain, k, n, worse):
                if w and gg >= MIN_GAIN:
                    rows.append((float(gg), label, float(kk), float(nn)))
    rows.sort(key=lambda x: -x[0])
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('data_root')
    p.add_argument('dataset')
    p.add_argument('--limit', type=int, default=20)
    a = p.parse_args()
    info = pd.read_csv(os.path.join(a.data_root, a.dataset, 'injection_info.csv'), dtype={'timestamp': str})
    beyond = reached = 0
    for case, truth in list(zip(info['timestamp'], info['set']))[:a.limit]:
        rows = ranking(os.path.join(a.data_root, a.dataset, case + '.csv'))
        rank = {label: i + 1 for i, (_, label, _, _) in enumerate(rows)}
        parts = []
        for t in sorted(truth.split(';')):
            r = rank.get(t)
            if r is None:
                parts.append(f'{t} not a candidate')
            else:
                k, n = rows[r - 1][2], rows[r - 1][3]
                parts.append(f'{t} #{r} ({k:.0f}/{n:.0f})')
                reached += r <= MAX_JUDGED
                beyond += r > MAX_JUDGED
        print(f'{a.dataset} {case}: {len(rows)} candidates; ' + '; '.join(parts), flush=True)
    print(f'{a.dataset}: true elements ranked within the first {MAX_JUDGED}: {reached}, beyond: {beyond}')


if __name__ == '__main__':
    main()
