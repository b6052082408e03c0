#!/usr/bin/env python3
"""Runs RiskLoc's own implementations of the localisation methods on prepared cases and scores them.

Imports the RiskLoc repository's modules from the path given (nothing of theirs is copied here): `run_method`,
`read_dataframe` and `get_label` from `utils/run_utils.py`, the algorithm's default arguments from their
`utils/argument_parser.py`, and `root_cause_postprocessing` / `score_root_causes` from `utils/evaluation.py`,
i.e. what their `run.py` does per file, one case at a time so that a slow method can be stopped per case.

Two things make their code run on Debian 12's Python packages, both only in this process:
- numpy >= 1.24 removed the aliases np.bool, np.float, np.int and np.object, which Squeeze uses; they are put
  back as the builtins they aliased (numpy's own deprecation note says they were exactly these);
- `kneed` (Squeeze's knee finder) is not packaged; `kneed_standin/kneed.py` next to this file is imported instead.

Usage: baselines.py RISKLOC_DIR DATA_ROOT DATASET ALGORITHM OUT.jsonl [--every N] [--limit N] [--timeout S]
Cases are taken in the order of DATASET/injection_info.csv (the generator's order); every N-th, at most LIMIT.
Each case appends one JSON line to OUT.jsonl (cases already there are skipped, so a run can be resumed).
"""
import argparse
import json
import os
import signal
import sys
import time
import warnings

import numpy as np

warnings.filterwarnings('ignore')  # their pandas calls warn about future defaults on every case

for _alias, _builtin in (('bool', bool), ('float', float), ('int', int), ('object', object)):
    if not hasattr(np, _alias):
        setattr(np, _alias, _builtin)


class CaseTimeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise CaseTimeout()


def cases(data_root, dataset, every, limit):
    import pandas as pd
    info = pd.read_csv(os.path.join(data_root, dataset, 'injection_info.csv'), dtype={'timestamp': str})
    names = info['timestamp'].tolist()[::every]
    return names[:limit] if limit else names


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('riskloc')
    p.add_argument('data_root')
    p.add_argument('dataset')
    p.add_argument('algorithm')
    p.add_argument('out')
    p.add_argument('--every', type=int, default=1)
    p.add_argument('--limit', type=int, default=0)
    p.add_argument('--timeout', type=int, default=300, help='seconds per case; a case over it scores as no answer')
    a = p.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:0] = [os.path.abspath(a.riskloc), os.path.join(here, 'kneed_standin')]
    from loguru import logger
    logger.remove()  # Squeeze logs every step at INFO
    from utils.argument_parser import get_input_arguments
    from utils.run_utils import run_method, read_dataframe, get_label
    from utils.evaluation import root_cause_postprocessing, score_root_causes

    argv = sys.argv
    sys.argv = ['run.py', a.algorithm, '--data-root', a.data_root, '--run-path', a.data_root]
    _, _, _, algorithm_args, _ = get_input_arguments()
    sys.argv = argv

    done = set()
    if os.path.exists(a.out):
        with open(a.out) as f:
            done = {json.loads(line)['case'] for line in f if line.strip()}
    directory = os.path.join(a.data_root, a.dataset)
    signal.signal(signal.SIGALRM, _alarm)
    for case in cases(a.data_root, a.dataset, a.every, a.limit):
        if case in done:
            continue
        df, attributes, df_a, df_b = read_dataframe(directory, case, False, False)
        label = get_label(directory, case, False)
        started = time.time()
        error = None
        signal.alarm(a.timeout)
        try:
            root_causes = run_method(df, [df_a, df_b], attributes, a.algorithm, algorithm_args, False, False)
            predictions = [str(x) for x in root_cause_postprocessing(root_causes, a.algorithm)]
        except CaseTimeout:
            predictions, error = [], f'timeout after {a.timeout} s'
        except Exception as e:  # their code failing on a case is a result to report, not a reason to stop
            predictions, error = [], f'{type(e).__name__}: {e}'[:300]
        finally:
            signal.alarm(0)
        seconds = time.time() - started
        tp, fp, fn, truth = score_root_causes(np.array(predictions), label)
        row = {'case': case, 'method': a.algorithm, 'truth': [str(t) for t in truth], 'predicted': predictions,
               'tp': int(tp), 'fp': int(fp), 'fn': int(fn), 'seconds': round(seconds, 3), 'error': error}
        with open(a.out, 'a') as f:
            f.write(json.dumps(row) + '\n')
        print(f'{a.dataset} {a.algorithm} {case}: tp {tp} fp {fp} fn {fn} {seconds:.1f}s'
              + (f' ({error})' if error else ''), flush=True)


if __name__ == '__main__':
    main()
