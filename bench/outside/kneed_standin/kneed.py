"""Stand-in for `kneed.KneeLocator` (PyPI's kneed is not packaged by Debian and PyPI is not reachable here).

Written by us for bench/outside only, from the method of Satopaa et al., "Finding a 'Kneedle' in a Haystack"
(2011) as kneed 0.8 implements it offline with interp1d: normalise x and y to [0, 1], take the difference
curve, and return the x of the first local maximum of that curve after which the curve drops below the maximum's
value less S times the mean x step (a local minimum resets the threshold to 0). Only what Squeeze and RobustSpot
call is here: curve 'concave' or 'convex', direction 'increasing' or 'decreasing', S, and the `.knee` attribute.
"""
import numpy as np
from scipy.signal import argrelextrema


class KneeLocator:
    """The knee (or elbow) of a curve, as `kneed.KneeLocator(x, y, S=1.0, curve=..., direction=...).knee`."""

    def __init__(self, x, y, S=1.0, curve='concave', direction='increasing', **_ignored):
        self.x = np.asarray(x, dtype=float)
        self.y = np.asarray(y, dtype=float)
        self.S, self.curve, self.direction = S, curve, direction
        self.knee = self._find()
        self.elbow = self.knee

    @staticmethod
    def _normalise(a):
        span = a.max() - a.min()
        return (a - a.min()) / span if span != 0 else np.zeros_like(a)

    def _find(self):
        if len(self.x) < 3:
            return None
        xn, yn = self._normalise(self.x), self._normalise(self.y)
        # kneed's transform: every case is turned into a concave increasing curve
        if self.direction == 'decreasing':
            yn = np.flip(yn) if self.curve == 'concave' else yn.max() - yn
        elif self.curve == 'convex':
            yn = np.flip(yn.max() - yn)
        yd = yn - xn
        maxima = argrelextrema(yd, np.greater_equal)[0]
        minima = argrelextrema(yd, np.less_equal)[0]
        if maxima.size == 0:
            return None
        tmx = yd[maxima] - self.S * np.abs(np.diff(xn).mean())
        threshold, threshold_index, mi = 0.0, 0, 0
        for i in range(maxima[0], len(xn) - 1):
            if i in maxima:
                threshold, threshold_index = tmx[mi], i
                mi += 1
            if i in minima:
                threshold = 0.0
            if yd[i + 1] < threshold:
                # kneed maps the index back through the flips it made
                flipped = (self.curve == 'concave' and self.direction == 'decreasing') or \
                          (self.curve == 'convex' and self.direction == 'increasing')
                return self.x[-(threshold_index + 1)] if flipped else self.x[threshold_index]
        return None
