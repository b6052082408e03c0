#!/usr/bin/env python3
"""Checks of bench/outside's own pieces: the case-to-log mapping, the miss kinds, the ceiling and the kneed stand-in.

Run: /usr/bin/python3 -m unittest discover -s bench/outside -p 'test_*.py'
(needs numpy, pandas and scipy; the end-to-end test also needs target/incident-bot.jar and is run when it exists,
since `run.sh` builds it before anything is scored.)
"""
import csv
import os
import sys
import tempfile
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, 'kneed_standin')]
import ours  # noqa: E402
import summarize  # noqa: E402
import to_requests  # noqa: E402
from kneed import KneeLocator  # noqa: E402

JAR = os.path.join(HERE, '..', '..', 'target', 'incident-bot.jar')


def write_case(path, rows):
    with open(path, 'w') as f:
        f.write('b,a,real,predict\n')
        for b, a, real, predict in rows:
            f.write(f'{b},{a},{real},{predict}\n')


class ToRequestsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.case = os.path.join(self.dir, '123.csv')
        self.log = os.path.join(self.dir, 'log.csv')

    def read(self):
        with open(self.log) as f:
            return list(csv.DictReader(f))

    def incident_counts(self, rows):
        """(ok, failed) per (a, b) in the incident bucket (after the two baseline minutes)."""
        counts = {}
        for r in rows:
            if r['time'] >= '2026-01-05T10:02':
                ok, failed = counts.get((r['a'], r['b']), (0, 0))
                counts[(r['a'], r['b'])] = (ok + (r['status'] == '200'), failed + (r['status'] == '500'))
        return counts

    def test_unscaled_whole_counts_become_exactly_that_many_requests_per_bucket(self):
        # the total fell (16 < 17): the drop fails, the leaf above its forecast serves all it got
        write_case(self.case, [('b1', 'a1', 7, 10), ('b2', 'a1', 5, 3), ('b1', 'a2', 4, 4)])
        info = to_requests.convert(self.case, self.log, target=0, baseline=2, bucket=60)
        rows = self.read()
        self.assertEqual(['a', 'b'], info['attributes'])
        self.assertEqual(list(rows[0].keys()), ['time', 'a', 'b', 'status'])
        baseline = [r for r in rows if r['time'] < '2026-01-05T10:02']
        self.assertEqual(2 * (10 + 3 + 4), len(baseline))
        self.assertTrue(all(r['status'] == '200' for r in baseline))
        self.assertEqual({('a1', 'b1'): (7, 3), ('a1', 'b2'): (5, 0), ('a2', 'b1'): (4, 0)},
                         self.incident_counts(rows))
        self.assertEqual(len(rows), info['records'])
        self.assertEqual(sorted(r['time'] for r in rows), [r['time'] for r in rows])

    def test_when_the_total_rises_the_surplus_fails_and_a_shortfall_is_just_fewer_requests(self):
        write_case(self.case, [('b1', 'a1', 9, 4), ('b2', 'a1', 2, 3), ('b1', 'a2', 4, 4)])
        to_requests.convert(self.case, self.log, target=0, baseline=2, bucket=60)
        self.assertEqual({('a1', 'b1'): (4, 5), ('a1', 'b2'): (2, 0), ('a2', 'b1'): (4, 0)},
                         self.incident_counts(self.read()))

    def test_both_ways_fails_every_deviation(self):
        write_case(self.case, [('b1', 'a1', 7, 10), ('b2', 'a1', 5, 3), ('b1', 'a2', 4, 4)])
        to_requests.convert(self.case, self.log, target=0, baseline=2, bucket=60, deviation='both')
        self.assertEqual({('a1', 'b1'): (7, 3), ('a1', 'b2'): (3, 2), ('a2', 'b1'): (4, 0)},
                         self.incident_counts(self.read()))

    def test_scaling_keeps_the_ratios_and_hits_the_target(self):
        rows = [(f'b{i}', 'a1' if i < 50 else 'a2', 1000.0 * (0.2 if i < 50 else 1), 1000.0) for i in range(100)]
        write_case(self.case, rows)
        info = to_requests.convert(self.case, self.log, target=10_000, baseline=1, bucket=60)
        self.assertAlmostEqual(0.1, info['k'])
        log = [r for r in self.read() if r['time'] >= '2026-01-05T10:01']
        failed_a1 = sum(1 for r in log if r['a'] == 'a1' and r['status'] == '500')
        total_a1 = sum(1 for r in log if r['a'] == 'a1')
        self.assertAlmostEqual(0.8, failed_a1 / total_a1, delta=0.02)
        self.assertEqual(0, sum(1 for r in log if r['a'] == 'a2' and r['status'] == '500'))
        self.assertAlmostEqual(10_000, len(log), delta=100)

    def test_the_same_case_gives_the_same_log(self):
        write_case(self.case, [('b1', 'a1', 0.4, 2.5), ('b2', 'a2', 3.3, 1.7)])
        to_requests.convert(self.case, self.log, target=0)
        with open(self.log) as f:
            first = f.read()
        to_requests.convert(self.case, self.log, target=0)
        with open(self.log) as f:
            self.assertEqual(first, f.read())

    def test_writing_in_chunks_gives_the_log_written_whole(self):
        write_case(self.case, [('b1', 'a1', 7.4, 10.2), ('b2', 'a1', 5.5, 3.1), ('b1', 'a2', 4.0, 4.9)])
        whole = to_requests.convert(self.case, self.log, target=0, baseline=2, bucket=60)
        with open(self.log) as f:
            expected = f.read()
        chunked = to_requests.convert(self.case, self.log, target=0, baseline=2, bucket=60, chunk=4)
        with open(self.log) as f:
            self.assertEqual(expected, f.read())
        self.assertEqual(whole, chunked)
        self.assertEqual(len(expected.splitlines()) - 1, chunked['records'])

    @unittest.skipUnless(os.path.exists(JAR), 'target/incident-bot.jar not built')
    def test_the_analyzer_names_a_planted_single_value_in_the_converted_log(self):
        rows = [(f'b{i}', f'a{j}', 50.0 if j != 3 else 10.0, 50.0) for i in range(1, 9) for j in range(1, 7)]
        write_case(self.case, rows)
        info = to_requests.convert(self.case, self.log, target=0)
        predicted, verdict, why = ours.analyse(JAR, self.log, info['attributes'])
        self.assertEqual(('regression', ['a=a3'], None), (verdict, predicted, why))

    @unittest.skipUnless(os.path.exists(JAR), 'target/incident-bot.jar not built')
    def test_every_named_cause_is_read_as_an_element(self):
        # a3 loses 80% of its volume everywhere, and so does b7: two causes, each under half the missing volume
        rows = [(f'b{i}', f'a{j}', 50.0 if j != 3 and i != 7 else 10.0, 50.0) for i in range(1, 9)
                for j in range(1, 7)]
        write_case(self.case, rows)
        info = to_requests.convert(self.case, self.log, target=0)
        predicted, verdict, why = ours.analyse(JAR, self.log, info['attributes'])
        self.assertEqual('regression', verdict)
        self.assertEqual(['a=a3', 'b=b7'], sorted(predicted))


class KindTest(unittest.TestCase):
    def test_each_kind(self):
        truth = ['a=a1&c=c2', 'b=b3']
        self.assertEqual('exact', ours.kind(['b=b3'], truth))
        self.assertEqual('too_fine', ours.kind(['a=a1&b=b4&c=c2'], truth))
        self.assertEqual('too_coarse', ours.kind(['c=c2'], truth))
        self.assertEqual('no_anomaly', ours.kind([], truth))
        self.assertEqual('wrong', ours.kind(['a=a2'], truth))


class CeilingTest(unittest.TestCase):
    def test_one_small_element_right_at_most(self):
        self.assertEqual((1, 0, 2), summarize.ceiling(['a=a1', 'a=a2&b=b1', 'a=a1&b=b1&c=c1&d=d1']))
        self.assertEqual((0, 0, 1), summarize.ceiling(['a=a1&b=b1&c=c1&d=d1']))

    def test_gate_names_the_judges_wording(self):
        self.assertEqual('share of the excess', summarize.gate(
            {'why': 'Strongest candidate c=c9: ... not convincing: explains 45% of the excess, less than 50%.'}))
        self.assertEqual('no candidate', summarize.gate({'why': None}))


class KneedStandInTest(unittest.TestCase):
    def test_knee_of_a_saturating_curve_is_where_its_slope_falls_to_the_chords(self):
        x = np.linspace(0, 1, 1000)
        knee = KneeLocator(x, 1 - np.exp(-8 * x), curve='concave', direction='increasing').knee
        self.assertAlmostEqual(np.log(8) / 8, knee, delta=0.002)

    def test_a_straight_line_has_no_knee(self):
        x = np.linspace(0, 1, 50)
        self.assertIsNone(KneeLocator(x, 2 * x, curve='concave', direction='increasing').knee)


if __name__ == '__main__':
    unittest.main()
