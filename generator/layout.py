"""Graph layout computed once at build time: seeded, deterministic, no physics in the browser."""

from __future__ import annotations

import math

import numpy as np

from generator.model import Network

CENTRE = (51.16, 10.45)  # the middle of Germany
SCALE = 900  # half the width of the layout in vis-network pixels
# ForceAtlas2 here is O(n²) per iteration: above this size the geographic seed is kept.
FORCE_LIMIT = 800


def geo_seed(lat: float, lon: float) -> tuple[float, float]:
    """Project to a plane centred on Germany; far-away places are pulled in logarithmically."""
    dx = (lon - CENTRE[1]) * math.cos(math.radians(CENTRE[0]))
    dy = lat - CENTRE[0]
    r = math.hypot(dx, dy)
    if r > 5:
        factor = (5 + 2 * math.log(r / 5)) / r
        dx, dy = dx * factor, dy * factor
    return dx / 5, -dy / 5


def compute_layout(
    net: Network, groups: dict[str, int] | None = None
) -> dict[str, tuple[int, int]]:
    """Positions for every Kommune: ForceAtlas2 started from geography. With groups
    (clusters), links inside a group pull five times as hard, so the groups show."""
    if not net.kommunen:
        return {}
    ids = [k.id for k in net.kommunen]
    pos = np.array([geo_seed(k.lat, k.lon) for k in net.kommunen])
    if len(ids) <= FORCE_LIMIT:
        index = {k: i for i, k in enumerate(ids)}
        adjacency = np.zeros((len(ids), len(ids)))
        for v in net.verbindungen:
            same = groups is not None and groups.get(v.von, -1) == groups.get(v.nach, -2)
            a, b = index[v.von], index[v.nach]
            adjacency[a, b] = adjacency[b, a] = 5.0 if same else 1.0
        pos = force_atlas2(pos, adjacency)
    span = max(float(np.ptp(pos[:, 0])), float(np.ptp(pos[:, 1])), 1e-9)
    cx = (pos[:, 0].max() + pos[:, 0].min()) / 2
    cy = (pos[:, 1].max() + pos[:, 1].min()) / 2
    return {
        node: (round((x - cx) / span * 2 * SCALE), round((y - cy) / span * 2 * SCALE))
        for node, (x, y) in sorted(zip(ids, pos.tolist(), strict=True))
    }


def force_atlas2(
    start: np.ndarray, adjacency: np.ndarray, iterations: int = 150, scaling: float = 2.0
) -> np.ndarray:
    """ForceAtlas2 (Jacomy et al. 2014) with networkx's defaults and adaptive speed, in
    matrix form: sum_j (p_i - p_j) w_ij = p_i sum_j w_ij - (W p)_i avoids the n×n×2
    difference array, six times faster. Deterministic: no random start, no jitter."""
    pos = start.astype(float)
    n = len(pos)
    mass = (adjacency > 0).sum(axis=1) + 1.0
    pair_mass = np.outer(mass, mass) * scaling
    np.fill_diagonal(pair_mass, 0)
    pull = adjacency.sum(axis=1)
    speed = efficiency = swing = traction = 1.0
    for _ in range(iterations):
        sq = np.einsum("ij,ij->i", pos, pos)
        d2 = sq[:, None] + sq[None, :] - 2 * (pos @ pos.T)
        np.maximum(d2, 1e-9, out=d2)  # two Kommunen on one spot push each other with no force
        push = pair_mass / d2
        update = pos * (push.sum(axis=1) - pull)[:, None] - push @ pos + adjacency @ pos
        centred = pos - pos.mean(axis=0)
        length = np.sqrt(np.einsum("ij,ij->i", centred, centred))
        with np.errstate(divide="ignore", invalid="ignore"):
            update -= mass[:, None] * np.nan_to_num(centred / length[:, None])  # gravity 1
        # Swing and traction as networkx measures them, so layouts look as they did.
        swing += float((mass * np.linalg.norm(pos - update, axis=1)).sum())
        traction += float((0.5 * mass * np.linalg.norm(pos + update, axis=1)).sum())
        speed, efficiency = _adapt_speed(n, swing, traction, speed, efficiency)
        step = (
            update * (speed / (1 + np.sqrt(speed * mass * np.linalg.norm(update, axis=1))))[:, None]
        )
        pos += step
        if np.abs(step).sum() < 1e-10:
            break
    return pos


def _adapt_speed(
    n: int, swing: float, traction: float, speed: float, efficiency: float
) -> tuple[float, float]:
    """ForceAtlas2's global speed: fast while nodes move together, slower while they swing."""
    optimal = 0.05 * math.sqrt(n)
    jitter = max(math.sqrt(optimal), min(10.0, optimal * traction / n**2))
    if swing / traction > 2.0:
        if efficiency > 0.05:
            efficiency *= 0.5
        jitter = max(jitter, 1.0)
    target = math.inf if swing == 0 else jitter * efficiency * traction / swing
    if swing > jitter * traction:
        if efficiency > 0.05:
            efficiency *= 0.7
    elif speed < 1000:
        efficiency *= 1.3
    return speed + min(target - speed, 0.5 * speed), efficiency
