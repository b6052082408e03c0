#!/usr/bin/env python3
"""Turns one root-cause-localisation case (RiskLoc / Squeeze layout) into a request log the analyzer reads.

A case is one CSV with a column per attribute and two numbers per leaf (one combination of attribute values):
`predict`, the volume forecast for the anomalous time bucket, and `real`, the volume observed in it. The truth
(`injection_info.csv`, column `set`) names the leaves or aggregates whose volume was changed.

The log is CSV (`time,<attributes...>,status`), one line a request, in BASELINE+1 time buckets of BUCKET seconds:

- each baseline bucket: every leaf sends round(predict * k) requests, all `200`. The forecast is what the leaf
  does when nothing is wrong, so it stands for the buckets before the incident; they have no failures, because the
  case carries no history of its own to take a failure rate from.
- the incident bucket, `--deviation aggregate` (the default): the leaf's deviation from its forecast *in the
  direction the total moved* becomes failed requests (`500`), the rest succeeds. When the total fell
  (sum real < sum predict: the injected anomalies are drops, the generator's direction 0), a leaf sends
  max(real, predict) requests of which max(predict - real, 0) fail: volume that went missing is requests that
  should have been served and were not, and a leaf that served more than forecast during an outage is not failing.
  When the total rose (direction 1), a leaf sends real requests of which max(real - predict, 0) fail: volume
  nobody expected (retries, a storm), while a leaf below its forecast just had fewer requests. The direction is
  the one an alert on the total KPI reports; the truth is not read. So an analyzer that looks for where failures
  concentrate is asked what the localisation methods are asked: where does the deviation concentrate. The
  generator's forecast noise (two-sided on every leaf) becomes a background failure rate from its one side.
- `--deviation both`: every leaf's |real - predict| fails, whichever way it went (the first mapping tried; it
  turns both sides of the noise into failures, twice the background the localisation methods see, since they use
  the sign).

k scales the case so that the incident bucket holds about TARGET requests (ratios kept; huge cases shrink). Counts
are rounded stochastically (floor(x + u), u uniform, seeded by the case name), so a leaf worth 0.3 requests gets
one 30% of the time and the totals stay unbiased. Timestamps are spread uniformly within each bucket, in order.
TARGET 0 is unscaled (k = 1): the case's own volumes become requests, the most literal reading of issue 12's
"each leaf's counts become records in their time bucket". RiskLoc's S and L cases hold ~3-8 million a bucket, so
that is ~20-28 million lines (~1 GB) a case with four baseline buckets, written a million lines at a time; at
TARGET 100,000 a leaf is 2-3 requests. Which of the two the analyzer does better with is measured, not assumed
(bench/README "Outside figures, unscaled": unscaled, the generator's multiplicative forecast noise turns a big
leaf into hundreds of failed requests, which outrank the small injected leaves).

Usage: to_requests.py CASE.csv OUT.csv [--target N] [--baseline B] [--bucket SECONDS] [--deviation aggregate|both]
Prints one JSON line: the attributes (for --dimensions), record counts and k.
"""
import argparse
import json
import os
import sys
import zlib

import numpy as np
import pandas as pd

START = np.datetime64('2026-01-05T10:00:00.000')


def stochastic_round(x, rng):
    return np.floor(x + rng.random(len(x))).astype(np.int64)


def bucket_lines(labels, ok, failed, start, seconds, rng, chunk=1_000_000):
    """Lines of one bucket: each leaf's ok and failed requests, shuffled, at sorted random instants in the bucket.

    Yields lists of at most `chunk` lines, so an unscaled case (millions of requests a bucket) is written as it is
    formatted instead of held whole as Python strings (~20 GB for 25M lines); the random draws are made for the
    whole bucket first, so the log is the same whatever the chunk."""
    leaf = np.concatenate([np.repeat(np.arange(len(labels)), ok), np.repeat(np.arange(len(labels)), failed)])
    status = np.concatenate([np.zeros(ok.sum(), dtype=bool), np.ones(failed.sum(), dtype=bool)])
    order = rng.permutation(len(leaf))
    leaf, status = leaf[order], status[order]
    offsets = np.sort(rng.integers(0, seconds * 1000, len(leaf)))
    for at in range(0, len(leaf), chunk):
        part = slice(at, at + chunk)
        times = np.datetime_as_string(start + offsets[part].astype('timedelta64[ms]'), unit='ms')
        codes = np.where(status[part], '500', '200')
        yield [f'{t}Z,{labels[i]},{c}' for t, i, c in zip(times, leaf[part], codes)]


def split(real, predict, deviation):
    """Each leaf's (successful, failed) volume in the incident bucket, before scaling."""
    if deviation == 'both':
        return np.minimum(real, predict), np.abs(real - predict)
    if deviation != 'aggregate':
        raise ValueError(f'deviation must be aggregate or both, not {deviation}')
    if real.sum() < predict.sum():
        return real, np.maximum(predict - real, 0)
    return np.minimum(real, predict), np.maximum(real - predict, 0)


def convert(case_csv, out_csv, target=100_000, baseline=4, bucket=300, deviation='aggregate', chunk=1_000_000):
    df = pd.read_csv(case_csv, dtype=str, keep_default_na=False)
    attributes = sorted(c for c in df.columns if c not in ('real', 'predict'))
    real = df['real'].astype(float).clip(lower=0).to_numpy()
    predict = df['predict'].astype(float).clip(lower=0).to_numpy()
    good, bad = split(real, predict, deviation)
    incident = (good + bad).sum()
    if incident <= 0:
        raise SystemExit(f'{case_csv}: no volume at all')
    k = min(1.0, target / incident) if target > 0 else 1.0
    rng = np.random.default_rng(zlib.crc32(os.path.basename(case_csv).encode()))
    labels = df[attributes].agg(','.join, axis=1).to_numpy()
    counts = {'baseline': 0, 'ok': 0, 'failed': 0}
    records = 0
    none = np.zeros(len(df), dtype=np.int64)
    with open(out_csv, 'w') as f:
        f.write('time,' + ','.join(attributes) + ',status\n')

        def write(chunks):
            nonlocal records
            for lines in chunks:
                f.write('\n'.join(lines))
                f.write('\n')
                records += len(lines)

        for b in range(baseline):
            ok = stochastic_round(predict * k, rng)
            counts['baseline'] += int(ok.sum())
            write(bucket_lines(labels, ok, none, START + np.timedelta64(b * bucket, 's'), bucket, rng, chunk))
        ok = stochastic_round(good * k, rng)
        failed = stochastic_round(bad * k, rng)
        counts['ok'], counts['failed'] = int(ok.sum()), int(failed.sum())
        write(bucket_lines(labels, ok, failed, START + np.timedelta64(baseline * bucket, 's'), bucket, rng, chunk))
    return {'attributes': attributes, 'k': k, 'records': records, **counts}


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('case')
    p.add_argument('out')
    p.add_argument('--target', type=int, default=100_000, help='requests in the incident bucket (0: unscaled)')
    p.add_argument('--baseline', type=int, default=4, help='baseline buckets before the incident bucket')
    p.add_argument('--bucket', type=int, default=300, help='bucket length in seconds')
    p.add_argument('--deviation', choices=('aggregate', 'both'), default='aggregate',
                   help='which deviations fail: those in the direction the total moved (default), or both ways')
    a = p.parse_args()
    print(json.dumps(convert(a.case, a.out, a.target, a.baseline, a.bucket, a.deviation)))


if __name__ == '__main__':
    sys.exit(main())
