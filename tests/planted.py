"""A network with planted communities, and the silhouette score that measures a layout on it."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from generator.content.model import Handlungsfeld, Kommune, Network, Site, Verbindung


def planted_network(
    groups: int = 8, size: int = 25, p_in: float = 0.22, p_out: float = 0.02, seed: int = 5
) -> Network:
    """Groups dense inside and sparse between (modularity about 0.5), scattered over Germany."""
    rng = random.Random(seed)
    kommunen = tuple(
        Kommune(
            f"k{g}-{i:02d}",
            f"Kommune {g}-{i:02d}",
            "kleinstadt",
            "DE",
            "Bayern",
            round(rng.uniform(47.5, 54.5), 4),
            round(rng.uniform(6.5, 14.5), 4),
            False,
            None,
            "",
            "",
        )
        for g in range(groups)
        for i in range(size)
    )
    verbindungen = tuple(
        Verbindung(a.id, b.id, "wissensaustausch", ("hf",), None, "2024-H1", "", "Beispiel")
        for n, a in enumerate(kommunen)
        for m, b in enumerate(kommunen[n + 1 :], start=n + 1)
        if rng.random() < (p_in if n // size == m // size else p_out)
    )
    site = Site(
        "Geplante Gruppen",
        "",
        "https://example.org/",
        dt.date(2026, 6, 30),
        "https://tile.example.org/{z}/{x}/{y}.png",
        "",
        19,
        "https://example.org/m/{id}",
    )
    felder = (Handlungsfeld("hf", "Handlungsfeld", "#0072b2", ""),)
    return Network(site, felder, kommunen, verbindungen, ())


def silhouette(points: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette (Euclidean) as scikit-learn computes it; singletons score 0."""
    dist = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    clusters = np.unique(labels)
    # Mean distance of every point to every cluster: one matrix product.
    member = (labels[:, None] == clusters[None, :]).astype(float)
    sizes = member.sum(axis=0)
    totals = dist @ member
    own = np.searchsorted(clusters, labels)
    own_size = sizes[own]
    a = totals[np.arange(len(points)), own] / np.maximum(own_size - 1, 1)
    means = totals / sizes
    means[np.arange(len(points)), own] = np.inf
    b = means.min(axis=1)
    score = np.where(own_size > 1, (b - a) / np.maximum(a, b), 0.0)
    return float(score.mean())
