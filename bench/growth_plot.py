#!/usr/bin/env python3
"""Draws the growth table (the dashboard as its own process at 1,000, 10,000 and 100,000 users) as a small SVG: the
first scan against its floor in seconds, their ratio against the issue's target, and the resident memory after the
scan and at its peak during a rescan. Plain SVG, no plotting library (none is installed here).

Usage: python3 bench/growth_plot.py DIR   reads DIR/summary.json (written by summarize.py) and writes DIR/growth.svg.
summarize.py calls draw() itself when a run measured at least two sizes (the full run; the quick run measures one)."""
import json
import math
import os
import sys
from html import escape

from targets import TARGETS, digits

WIDTH, HEIGHT = 960, 300
PANEL_W, TOP, BOTTOM, LEFT, RIGHT = 320, 44, 52, 56, 16
INK, GRID, MUTED = "#1f2328", "#d0d7de", "#57606a"
BLUE, ORANGE, RED = "#0969da", "#bc4c00", "#cf222e"  # each at least 4.5:1 on white
# The bounds, as summarize.py holds the figures to them.
SCAN_TARGET = TARGETS["scan_over_floor_10k_150ms"][1]
RSS_TARGET_MB = TARGETS["rss_after_scan_100k_mb"][1]


def points(process):
    """(users, scan s, floor s, ratio, rss MB, rescan peak MB) per measured size, smallest team first."""
    rows = []
    for p in process.values():
        if p and p.get("first_scan") and p.get("floor"):
            rows.append((p["users"], p["first_scan"]["seconds"], p["floor"]["seconds"], p["first_scan"]["over_floor"],
                         p["after_scan"]["rss_bytes"] / 1e6, p["rescan"]["peak_rss_bytes"] / 1e6))
    return sorted(rows)


def users_label(n):
    return f"{n // 1000:,}k" if n >= 1000 else str(n)


class Panel:
    """One chart: x is the team size on a log scale; y linear or log."""

    def __init__(self, index, title, users, y_low, y_high, log_y=False):
        self.x0 = index * PANEL_W + LEFT
        self.x1 = (index + 1) * PANEL_W - RIGHT
        self.y0, self.y1 = HEIGHT - BOTTOM, TOP
        self.users, self.log_y = users, log_y
        self.lo, self.hi = (math.log10(y_low), math.log10(y_high)) if log_y else (y_low, y_high)
        self.parts = [f'<text x="{self.x0}" y="{TOP - 22}" font-weight="600">{escape(title)}</text>']

    def x(self, users):
        lo, hi = math.log10(self.users[0]), math.log10(self.users[-1])
        span = (hi - lo) or 1
        return self.x0 + 12 + (math.log10(users) - lo) / span * (self.x1 - self.x0 - 24)

    def y(self, value):
        v = math.log10(value) if self.log_y else value
        return self.y0 - (v - self.lo) / ((self.hi - self.lo) or 1) * (self.y0 - self.y1)

    def axes(self, ticks, unit):
        for t in ticks:
            y = self.y(t)
            self.parts.append(f'<line x1="{self.x0}" x2="{self.x1}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
            self.parts.append(f'<text x="{self.x0 - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">{t:g}{unit}</text>')
        for n in self.users:
            self.parts.append(f'<text x="{self.x(n):.1f}" y="{self.y0 + 18}" text-anchor="middle" fill="{MUTED}">{users_label(n)}</text>')
        self.parts.append(f'<text x="{(self.x0 + self.x1) / 2:.1f}" y="{self.y0 + 38}" text-anchor="middle" fill="{MUTED}">users</text>')

    def series(self, values, colour, dashed=False):
        xy = [(self.x(n), self.y(v)) for n, v in zip(self.users, values)]
        dash = ' stroke-dasharray="5 4"' if dashed else ""
        self.parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} points="'
                          + " ".join(f"{x:.1f},{y:.1f}" for x, y in xy) + '"/>')
        for x, y in xy:
            self.parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
        return xy

    def label(self, x, y, text, colour, anchor="end"):
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{colour}">{escape(text)}</text>')

    def legend(self, entries):
        """Line samples and names in the panel's lower right corner (empty in the log-log panel: both lines rise)."""
        for i, (colour, text, dashed) in enumerate(reversed(entries)):
            y = self.y0 - 10 - i * 18
            dash = ' stroke-dasharray="5 4"' if dashed else ""
            self.parts.append(f'<line x1="{self.x1 - 24}" x2="{self.x1}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" stroke-width="2"{dash}/>')
            self.label(self.x1 - 30, y, text, colour)

    def target(self, value, text):
        """A dotted line at the target, labelled at the small-team end, where the figures sit far from it."""
        y = self.y(value)
        self.parts.append(f'<line x1="{self.x0}" x2="{self.x1}" y1="{y:.1f}" y2="{y:.1f}" stroke="{RED}" stroke-dasharray="2 3"/>')
        self.label(self.x0 + 4, y - 5, text, RED, "start")


def nice_ticks(low, high, count=5):
    step = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= step)
    start = math.ceil(low / step) * step
    return [round(start + i * step, 6) for i in range(int((high - start) / step) + 1)]


def draw(process, path):
    rows = points(process)
    if len(rows) < 2:
        return False
    users = [r[0] for r in rows]
    scan, floor, ratio, rss, peak = ([r[i] for r in rows] for i in range(1, 6))
    panels = []

    # 1. Seconds, log-log: the scan follows its floor (the largest walk's pages × the latency).
    low = 10 ** math.floor(math.log10(min(floor + scan)))
    high = 10 ** math.ceil(math.log10(max(floor + scan)))
    latency = " or ".join(str(ms) for ms in sorted({p["latency_ms"] for p in process.values() if p}))
    p = Panel(0, f"First scan and its floor, s ({latency} ms a request)", users, low, high, log_y=True)
    p.axes([10 ** e for e in range(round(math.log10(low)), round(math.log10(high)) + 1)], " s")
    p.series(scan, BLUE)
    p.series(floor, MUTED, dashed=True)
    p.legend([(BLUE, "first scan", False), (MUTED, "floor", True)])
    panels.append(p)

    # 2. The ratio against the target.
    high = max(max(ratio), SCAN_TARGET) * 1.08
    p = Panel(1, "First scan ÷ floor", users, 1.0, high)
    p.axes(nice_ticks(1.0, high, 4), "×")
    p.target(SCAN_TARGET, f"target ≤ {SCAN_TARGET:g}×")
    xy = p.series(ratio, BLUE)
    for i, ((x, y), v) in enumerate(zip(xy, ratio)):
        last = i == len(xy) - 1
        # A third digit where two would show a figure over the target as equal to it (1.151 as "1.15×").
        text = f"{v:.{digits('scan_over_floor_10k_150ms', v)}f}×"
        p.label(x + (-6 if last else 6), y + (16 if last else -8), text, BLUE, "end" if last else "start")
    panels.append(p)

    # 3. Resident memory after the first scan and at its peak during a rescan, against the 100,000-user target.
    high = max(max(peak), RSS_TARGET_MB) * 1.15
    p = Panel(2, "Resident memory, MB", users, 0, high)
    p.axes(nice_ticks(0, high, 4), "")
    p.target(RSS_TARGET_MB, f"after the scan at 100k ≤ {RSS_TARGET_MB:g} MB")
    # Labelled at the smallest team, where the two lines are furthest apart.
    first = p.series(peak, ORANGE)[0]
    p.label(first[0] + 4, first[1] - 12, "peak in a rescan", ORANGE, "start")
    first = p.series(rss, BLUE)[0]
    p.label(first[0] + 4, first[1] + 18, "after the first scan", BLUE, "start")
    panels.append(p)

    desc = "; ".join(f"{users_label(n)} users: first scan {s:.2f} s against a floor of {fl:.2f} s ({r:.2f}×), "
                     f"{m:.0f} MB resident after it, {pk:.0f} MB at the peak of a rescan"
                     for n, s, fl, r, m, pk in rows)
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
           f'role="img" aria-labelledby="t d" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12" fill="{INK}">',
           '<title id="t">Growth with team size: the dashboard as its own process</title>',
           f'<desc id="d">{escape(desc)}</desc>',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>']
    for panel in panels:
        svg.extend(panel.parts)
    svg.append("</svg>")
    with open(path, "w") as out:
        out.write("\n".join(svg) + "\n")
    return True


if __name__ == "__main__":
    directory = sys.argv[1]
    summary = json.load(open(os.path.join(directory, "summary.json")))
    target = os.path.join(directory, "growth.svg")
    print(target if draw(summary.get("process") or {}, target) else "fewer than two team sizes measured: no plot", file=sys.stderr)
