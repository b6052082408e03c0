#!/usr/bin/env python3
"""Runs our analyzer (`java -jar JAR analyze --format json`) on prepared cases and scores it like RiskLoc does.

Each case is turned into a request log by to_requests.py (in SCRATCH, deleted after the run), analysed with the
case's attributes as `--dimensions`, and every named cause, `rootCauses[].attributes` (strongest first; the first
is `rootCause`), is written as one root-cause element `a=a1&c=c3` each (none on `no_anomaly`). That list is scored
by RiskLoc's own `score_root_causes` (imported from the path given), the same exact-set scorer the baselines get,
so an answer of several elements counts every one of them. A report without `rootCauses` (an analyzer from before
it) is read as its one `rootCause`.

Every case is also sorted into one kind, by its first (strongest) element against the truth's elements:
exact (the element named is one of the truth's), too_fine (it contains a truth element and adds attributes),
too_coarse (it is part of a truth element), no_anomaly, wrong (anything else); `elements` in each result row
counts the elements named.

Usage: ours.py RISKLOC_DIR DATA_ROOT DATASET JAR OUT.jsonl [--every N] [--limit N] [--target N] [--baseline B]
             [--deviation aggregate|both] [--scratch DIR]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import to_requests  # noqa: E402


def kind(predicted, truth):
    if not predicted:
        return 'no_anomaly'
    p = set(predicted[0].split('&'))
    elements = [set(t.split('&')) for t in truth]
    if any(p == t for t in elements):
        return 'exact'
    if any(t < p for t in elements):
        return 'too_fine'
    if any(p < t for t in elements):
        return 'too_coarse'
    return 'wrong'


def analyse(jar, log, attributes):
    cmd = ['java', '-jar', jar, 'analyze', '--format', 'json', '--dimensions', ','.join(attributes), log]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f'analyze exit {out.returncode}: {out.stderr.strip()[:300]}')
    report = json.loads(out.stdout)
    cause = report.get('rootCause')
    # on no_anomaly, the evidence line that says why the strongest candidate did not convince
    why = next((e for e in report.get('evidence', []) if e.startswith('Strongest candidate')), None)
    if report['verdict'] != 'regression' or not cause:
        return [], report['verdict'], why
    causes = report.get('rootCauses') or [cause]
    return ['&'.join(sorted(f'{k}={v}' for k, v in c['attributes'].items())) for c in causes], report['verdict'], None


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    for name in ('riskloc', 'data_root', 'dataset', 'jar', 'out'):
        p.add_argument(name)
    p.add_argument('--every', type=int, default=1)
    p.add_argument('--limit', type=int, default=0)
    p.add_argument('--target', type=int, default=100_000, help='requests in the incident bucket (to_requests.py)')
    p.add_argument('--baseline', type=int, default=4,
                   help='baseline buckets before the incident bucket (to_requests.py; 1 makes an unscaled case 2.5x smaller)')
    p.add_argument('--deviation', choices=('aggregate', 'both'), default='aggregate',
                   help='which deviations become failed requests (to_requests.py)')
    p.add_argument('--scratch', default=None, help='folder for the converted log (default: a new temp dir)')
    a = p.parse_args()
    sys.path.insert(0, os.path.abspath(a.riskloc))
    from utils.evaluation import score_root_causes
    import pandas as pd

    info = pd.read_csv(os.path.join(a.data_root, a.dataset, 'injection_info.csv'), dtype={'timestamp': str})
    labels = dict(zip(info['timestamp'], info['set']))
    names = info['timestamp'].tolist()[::a.every]
    names = names[:a.limit] if a.limit else names
    done = set()
    if os.path.exists(a.out):
        with open(a.out) as f:
            done = {json.loads(line)['case'] for line in f if line.strip()}
    scratch = a.scratch or tempfile.mkdtemp(prefix='outside.')
    os.makedirs(scratch, exist_ok=True)
    log = os.path.join(scratch, 'case.csv')
    for case in names:
        if case in done:
            continue
        converting = time.time()
        converted = to_requests.convert(os.path.join(a.data_root, a.dataset, case + '.csv'), log, a.target,
                                        baseline=a.baseline, deviation=a.deviation)
        started = time.time()
        error = None
        try:
            predicted, verdict, why = analyse(a.jar, log, converted['attributes'])
        except Exception as e:  # a failed run is a result to report
            predicted, verdict, why, error = [], None, None, f'{type(e).__name__}: {e}'[:300]
        seconds = time.time() - started
        tp, fp, fn, truth = score_root_causes(np.array(predicted), labels[case])
        truth = [str(t) for t in truth]
        row = {'case': case, 'method': 'ours', 'truth': truth, 'predicted': predicted, 'tp': int(tp),
               'fp': int(fp), 'fn': int(fn), 'seconds': round(seconds, 3), 'error': error, 'verdict': verdict,
               'why': why, 'elements': len(predicted), 'kind': kind(predicted, truth) if error is None else 'error', 'records': converted['records'],
               'failed': converted['failed'], 'target': a.target, 'baseline': a.baseline,
               'convert_seconds': round(started - converting, 3)}
        with open(a.out, 'a') as f:
            f.write(json.dumps(row) + '\n')
        print(f"{a.dataset} ours {case}: tp {tp} fp {fp} fn {fn} {row['kind']} {predicted} truth {truth}",
              flush=True)
    os.remove(log) if os.path.exists(log) else None


if __name__ == '__main__':
    main()
