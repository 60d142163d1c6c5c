"""Graph layout computed once at build time: seeded, deterministic, no physics in the browser."""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict

import numpy as np

from generator.content.model import Network

CENTRE = (51.16, 10.45)  # the middle of Germany
SCALE = 900  # half the width of the layout in vis-network pixels
# ForceAtlas2 here is O(n²) per iteration: bigger clusters keep their geographic seed.
FORCE_LIMIT = 400
GAP = 0.6  # free space between two cluster discs, as a share of their radii
RIM_GAP = 0.15  # from the middle discs to the rings of small components, of the middle's radius
MAIN_SHARE = 0.1  # components with this share of the linked Kommunen go in the middle
SMALL = 12  # groups up to this size are drawn as a star: no forces needed
# The cluster discs' map places are spread this much wider than a tight packing: the fewer
# overlaps are pushed apart, the less a change to one cluster moves the others.
SPREAD = 1.4


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
    """Positions for every Kommune: each group (Louvain cluster) in a disc of its own sized by
    its members, the discs placed where their members are on the map (pushed apart until
    they do not overlap), the members by ForceAtlas2 inside their disc. Small components and
    Kommunen without partners sit on rings around them. Without groups, the connected
    components are the groups. Geography, not forces between the groups, places the discs:
    a Kommune and two connections more move the others little (tests/test_layout_stability)."""
    if not net.kommunen:
        return {}
    # The same places, links and groups give the same layout: kept for the next build (serve).
    key = hashlib.sha256(
        repr(
            (
                [(k.id, k.lat, k.lon) for k in net.kommunen],
                [(v.von, v.nach) for v in net.verbindungen],
                sorted(groups.items()) if groups else None,
            )
        ).encode("utf-8")
    ).digest()
    if key not in _LAYOUTS:
        _LAYOUTS.clear()
        _LAYOUTS[key] = _compute_layout(net, groups)
    return dict(_LAYOUTS[key])


_LAYOUTS: dict[bytes, dict[str, tuple[int, int]]] = {}


def _compute_layout(net: Network, groups: dict[str, int] | None) -> dict[str, tuple[int, int]]:
    """The layout of compute_layout, not remembered."""
    ids = [k.id for k in net.kommunen]
    seed = np.array([geo_seed(k.lat, k.lon) for k in net.kommunen])
    links = _links(net, {k: i for i, k in enumerate(ids)})
    component = _components(len(ids), links)
    item = _layout_groups(
        component, links, [groups.get(k) for k in ids] if groups else [None] * len(ids)
    )
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(item):
        members[g].append(i)
    inside = _links_inside(item, links)
    radius = {g: math.sqrt(len(members[g])) for g in members}
    centre = _disc_centres(members, component, seed, radius)
    pos = np.zeros_like(seed)
    for g, m in members.items():
        pos[m] = centre[g] + _inside_disc(m, seed, inside[g], radius[g])
    return _to_pixels(ids, pos)


def _links(net: Network, index: dict[str, int]) -> Counter[tuple[int, int]]:
    """Connections per pair of Kommunen (by index, the smaller first)."""
    links: Counter[tuple[int, int]] = Counter()
    for v in net.verbindungen:
        a, b = index[v.von], index[v.nach]
        links[min(a, b), max(a, b)] += 1
    return links


def _links_inside(
    item: list[int], links: Counter[tuple[int, int]]
) -> dict[int, list[tuple[int, int, int]]]:
    """The links inside each group (a, b, weight)."""
    inside: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for (a, b), w in links.items():
        if item[a] == item[b]:
            inside[item[a]].append((a, b, w))
    return inside


def _disc_centres(
    members: dict[int, list[int]],
    component: list[int],
    seed: np.ndarray,
    radius: dict[int, float],
) -> dict[int, np.ndarray]:
    """The centre of each group's disc: the big groups of the main components in the middle,
    placed by geography, the others on rings around them."""
    size = Counter(component)
    linked = sum(n for n in size.values() if n > 1)
    central = [
        g
        for g in sorted(members)
        if len(members[g]) >= 3 and size[component[members[g][0]]] >= MAIN_SHARE * linked
    ]
    outside = [g for g in sorted(members) if g not in set(central)]
    centre: dict[int, np.ndarray] = {}
    outer = 0.0
    if central:
        r = np.array([radius[g] for g in central])
        # The median place, not the mean: a few members more or less move it little.
        start = [np.median(seed[members[g]], axis=0) for g in central]
        placed = _place_discs(r, start)
        centre.update(zip(central, placed, strict=True))
        outer = float((np.linalg.norm(placed, axis=1) + r).max())
    if outside:
        angle = [_compass(seed[members[g]].mean(axis=0)) for g in outside]
        rings = _rings(np.array([radius[g] for g in outside]), np.array(angle), outer)
        centre.update(zip(outside, rings, strict=True))
    return centre


def _to_pixels(ids: list[str], pos: np.ndarray) -> dict[str, tuple[int, int]]:
    """The positions centred and scaled to vis-network pixels, by Kommune id."""
    span = max(float(np.ptp(pos[:, 0])), float(np.ptp(pos[:, 1])), 1e-9)
    cx = (pos[:, 0].max() + pos[:, 0].min()) / 2
    cy = (pos[:, 1].max() + pos[:, 1].min()) / 2
    return {
        node: (round((x - cx) / span * 2 * SCALE), round((y - cy) / span * 2 * SCALE))
        for node, (x, y) in sorted(zip(ids, pos.tolist(), strict=True))
    }


def _components(n: int, links: Counter[tuple[int, int]]) -> list[int]:
    """The connected component of every Kommune, numbered from 0 in the order of Kommunen."""
    neighbours: dict[int, list[int]] = defaultdict(list)
    for a, b in links:
        neighbours[a].append(b)
        neighbours[b].append(a)
    component = [-1] * n
    count = 0
    for i in range(n):
        if component[i] != -1:
            continue
        component[i], stack = count, [i]
        while stack:
            for j in neighbours[stack.pop()]:
                if component[j] == -1:
                    component[j] = count
                    stack.append(j)
        count += 1
    return component


def _layout_groups(
    component: list[int], links: Counter[tuple[int, int]], given: list[int | None]
) -> list[int]:
    """The layout group of every Kommune: a Kommune outside the given groups joins the group
    it has most links with (step by step outwards); the rest are grouped by component."""
    group = [-1 if g is None else g for g in given]
    neighbours: dict[int, list[int]] = defaultdict(list)
    for a, b in links:
        neighbours[a].append(b)
        neighbours[b].append(a)
    loose = [i for i, g in enumerate(group) if g == -1 and neighbours[i]]
    while loose:
        joins = {}
        for i in loose:
            near = Counter(group[j] for j in neighbours[i] if group[j] != -1)
            if near:
                joins[i] = min(near, key=lambda g: (-near[g], g))
        if not joins:
            break
        for i, g in joins.items():
            group[i] = g
        loose = [i for i in loose if i not in joins]
    offset = max(group, default=-1) + 1
    return [offset + c if g == -1 else g for g, c in zip(group, component, strict=True)]


def _compass(point: np.ndarray) -> float:
    """Direction of a point from the middle of the layout, for ordering around a ring."""
    return math.atan2(float(point[1]), float(point[0]))


def _rings(radius: np.ndarray, angle: np.ndarray, outer: float) -> np.ndarray:
    """Centres of small discs on rings around the middle: the biggest on the innermost ring,
    each ring in compass order, filled until its circumference is used."""
    thickness = 2 * float(radius.max()) * (1 + GAP)
    ring = outer * (1 + RIM_GAP) + thickness / 2
    rings: list[tuple[float, list[int]]] = [(ring, [])]
    used = 0.0
    for i in sorted(range(len(radius)), key=lambda i: (-radius[i], angle[i], i)):
        width = 2 * float(radius[i]) * (1 + GAP)
        if rings[-1][1] and used + width > 2 * math.pi * ring:
            ring += thickness
            rings.append((ring, []))
            used = 0.0
        rings[-1][1].append(i)
        used += width
    centres = np.zeros((len(radius), 2))
    for ring, items in rings:
        items.sort(key=lambda i: (angle[i], i))
        widths = np.array([2 * radius[i] * (1 + GAP) for i in items])
        middle = np.cumsum(widths) - widths / 2
        turn = -math.pi + 2 * math.pi * middle / widths.sum()
        centres[items] = ring * np.column_stack([np.cos(turn), np.sin(turn)])
    return centres


def _place_discs(radius: np.ndarray, start: list[np.ndarray]) -> np.ndarray:
    """Centres of the cluster discs: where their members are on the map (start), scaled to a
    loose packing, then pushed apart until no discs overlap. Geography, not a force layout of
    the clusters, so a small change to the content moves them little."""
    centres = np.array(start, dtype=float)
    centres -= centres.mean(axis=0)
    rms = math.sqrt(float((centres**2).sum(axis=1).mean()))
    packed = math.sqrt(float(((radius * (1 + GAP / 2)) ** 2).sum()) / 0.7) / math.sqrt(2)
    if rms > 0:
        centres *= SPREAD * packed / rms
    return _separate(centres, radius)


def _separate(centres: np.ndarray, radius: np.ndarray, rounds: int = 300) -> np.ndarray:
    """Push overlapping discs apart, the smaller one further, until each pair keeps about GAP
    (overlaps under a fiftieth of the distance wanted are left)."""
    n = len(centres)
    # A fixed tiny offset per disc, so that no two start on one spot.
    turn = np.arange(n) * 2.399963  # the golden angle
    centres = centres + 1e-6 * np.column_stack([np.cos(turn), np.sin(turn)])
    need = (radius[:, None] + radius[None, :]) * (1 + GAP)
    np.fill_diagonal(need, 0)
    share = radius[None, :] / (radius[:, None] + radius[None, :])
    for _ in range(rounds):
        diff = centres[:, None, :] - centres[None, :, :]
        dist = np.sqrt(np.einsum("ijk,ijk->ij", diff, diff))
        overlap = need - dist
        if (overlap <= 0.02 * need).all():
            break
        np.maximum(overlap, 0, out=overlap)
        push = overlap * share / np.maximum(dist, 1e-12)
        centres = centres + 0.8 * np.einsum("ij,ijk->ik", push, diff)
    return centres


def _inside_disc(
    members: list[int], seed: np.ndarray, links: list[tuple[int, int, int]], radius: float
) -> np.ndarray:
    """Members' offsets from their disc's centre: ForceAtlas2 of the cluster from geography
    (geography alone above FORCE_LIMIT), scaled so nine in ten lie inside the radius."""
    local = seed[members]
    if 2 < len(members) <= SMALL:
        local = _star(members, seed, links)
    elif SMALL < len(members) <= FORCE_LIMIT:
        index = {k: i for i, k in enumerate(members)}
        adjacency = np.zeros((len(members), len(members)))
        for a, b, w in links:
            adjacency[index[a], index[b]] = adjacency[index[b], index[a]] = w
        local = force_atlas2(local, adjacency)
    local = local - local.mean(axis=0)
    dist = np.linalg.norm(local, axis=1)
    reach = float(np.percentile(dist, 90))
    if reach <= 0:
        return np.zeros_like(local)
    local *= radius / reach
    dist *= radius / reach
    # The outlying tenth is drawn in onto the rim of the disc.
    far = dist > radius
    local[far] *= (radius / dist[far])[:, None]
    return local


def _star(members: list[int], seed: np.ndarray, links: list[tuple[int, int, int]]) -> np.ndarray:
    """A small group: its best-linked member in the middle, the others around it in the
    compass order of their places."""
    degree = Counter(x for a, b, w in links for x in (a, b) for _ in range(w))
    hub = min(members, key=lambda k: (-degree[k], k))
    others = sorted(
        (k for k in members if k != hub), key=lambda k: (_compass(seed[k] - seed[hub]), k)
    )
    turn = np.linspace(-math.pi, math.pi, len(others), endpoint=False)
    local = np.zeros((len(members), 2))
    where = {k: i for i, k in enumerate(members)}
    local[[where[k] for k in others]] = np.column_stack([np.cos(turn), np.sin(turn)])
    return local


def force_atlas2(
    start: np.ndarray,
    adjacency: np.ndarray,
    iterations: int = 150,
    scaling: float = 2.0,
    mass: np.ndarray | None = None,
) -> np.ndarray:
    """ForceAtlas2 (Jacomy et al. 2014) with networkx's defaults and adaptive speed, in
    matrix form: sum_j (p_i - p_j) w_ij = p_i sum_j w_ij - (W p)_i avoids the n×n×2
    difference array, six times faster. Deterministic: no random start, no jitter. mass
    replaces the degree + 1 that sets how hard a node pushes."""
    pos = start.astype(float)
    n = len(pos)
    if mass is None:
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
