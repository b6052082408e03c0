#!/usr/bin/env python3
"""Prints the side-by-side table of bench/outside's results (RESULTS/DATASET-METHOD.jsonl) as Markdown.

Per dataset, only the cases every method has a result for are counted, so the rows compare the same cases; a
method that got through fewer cases than most (stopped for time) is shown over its own cases, marked.
Scores are summed over cases before dividing, as RiskLoc's `result_post_processing` does: precision TP/(TP+FP),
recall TP/(TP+FN), F1 2TP/(2TP+FP+FN), each over root-cause elements. `ceiling` is the best any method could score
that names one element of at most three attributes, as our analyzer does (one truth element right, none wrong,
when the truth has one that small). Under the table, our misses by kind (see ours.py) on the same cases, and on
every case ours ran on.

Usage: summarize.py RESULTS_DIR [DATASET...]
"""
import collections
import glob
import json
import os
import statistics
import sys

GATES = (('less than 50%', 'share of the excess'), ('likelihood ratio', 'likelihood ratio'),
         ('fewer than', 'support'), ('effect too small', 'effect size'), ('exact p', 'p value'),
         ('carried by nearly all', 'all traffic'))
METHODS = ['ours', 'ours_both', 'riskloc', 'autoroot', 'squeeze', 'hotspot', 'r_adtributor', 'adtributor']


def load(results, dataset):
    rows = {}
    for path in sorted(glob.glob(os.path.join(results, f'{dataset}-*.jsonl'))):
        method = os.path.basename(path)[len(dataset) + 1:-len('.jsonl')]
        with open(path) as f:
            rows[method] = {r['case']: r for r in map(json.loads, filter(str.strip, f))}
    return rows


def scores(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return p, r, f1


def ceiling(truth):
    small = any(len(t.split('&')) <= 3 for t in truth)
    return (1, 0, len(truth) - 1) if small else (0, 0, len(truth))


def gate(row):
    """The gate that stopped the strongest candidate of a no_anomaly (RootCause.judge's wording)."""
    why = row.get('why') or ''
    return next((name for text, name in GATES if text in why), 'no candidate' if not why else 'other')


def table(results, dataset):
    rows = load(results, dataset)
    if not rows:
        return f'(no results for {dataset})\n'
    # a method that did not get through as many cases as most (stopped for time) is shown on its own cases
    usual = statistics.mode(len(r) for r in rows.values())
    partial = {m for m, r in rows.items() if len(r) < usual}
    common = set.intersection(*(set(r) for m, r in rows.items() if m not in partial))
    out = [f'**{dataset}** ({len(common)} cases)', '',
           '| method | cases | F1 | precision | recall | TP | FP | FN | errors / timeouts | median s |',
           '|---|---|---|---|---|---|---|---|---|---|']
    ordered = [m for m in METHODS if m in rows] + sorted(m for m in rows if m not in METHODS)
    any_rows = next(iter(rows.values()))
    for m in ordered:
        mine = sorted(set(rows[m]) & common) if m not in partial else sorted(rows[m])
        picked = [rows[m][c] for c in mine]
        tp, fp, fn = (sum(r[k] for r in picked) for k in ('tp', 'fp', 'fn'))
        p, r, f1 = scores(tp, fp, fn)
        errors = sum(1 for x in picked if x.get('error'))
        secs = statistics.median(x['seconds'] for x in picked) if picked else 0
        n = f'{len(picked)} (first only)' if m in partial else str(len(picked))
        out.append(f'| {m} | {n} | {f1:.3f} | {p:.3f} | {r:.3f} | {tp} | {fp} | {fn} | {errors} | {secs:.1f} |')
    c = [ceiling(any_rows[case]['truth']) for case in sorted(common)]
    tp, fp, fn = (sum(x[i] for x in c) for i in range(3))
    p, r, f1 = scores(tp, fp, fn)
    out.append(f'| *ceiling, one element of ≤3 attributes* | {len(c)} | {f1:.3f} | {p:.3f} | {r:.3f} | {tp} | {fp} | {fn} | | |')
    if 'ours' in rows:
        for label, cases in (('same cases', sorted(set(rows['ours']) & common)),
                             ('every case ours ran', sorted(rows['ours']))):
            kinds = collections.Counter(rows['ours'][x]['kind'] for x in cases)
            single = [x for x in cases if len(rows['ours'][x]['truth']) == 1]
            exact_single = sum(1 for x in single if rows['ours'][x]['kind'] == 'exact')
            tp, fp, fn = (sum(rows['ours'][x][k] for x in cases) for k in ('tp', 'fp', 'fn'))
            out.append('')
            out.append(f'ours, {label} ({len(cases)}): F1 {scores(tp, fp, fn)[2]:.3f}; '
                       + ', '.join(f'{k} {kinds[k]}' for k in
                                   ('exact', 'too_fine', 'too_coarse', 'no_anomaly', 'wrong', 'error') if kinds[k])
                       + f'; cases with a one-element truth: {exact_single} exact of {len(single)}')
            gates = collections.Counter(gate(rows['ours'][x]) for x in cases if rows['ours'][x]['kind'] == 'no_anomaly')
            if gates:
                out[-1] += '; no_anomaly stopped by: ' + ', '.join(f'{k} {v}' for k, v in gates.most_common())
    return '\n'.join(out) + '\n'


def main():
    results = sys.argv[1]
    datasets = sys.argv[2:] or sorted({os.path.basename(p).split('-')[0]
                                       for p in glob.glob(os.path.join(results, '*.jsonl'))})
    for d in datasets:
        print(table(results, d))


if __name__ == '__main__':
    main()
