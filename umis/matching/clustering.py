"""Pairs into persons: the connected components of the pairs at or above a threshold."""

from __future__ import annotations

import numpy as np


def clusters(
    size: int, left: np.ndarray, right: np.ndarray, probability: np.ndarray, threshold: float
) -> np.ndarray:
    """A cluster number per record (0..size-1): records joined by a chain of pairs with
    probability >= threshold share one; every other record is a cluster of its own.
    Union-find with path halving; the number is the smallest record index in the cluster."""
    parent = np.arange(size)

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    keep = probability >= threshold
    for a, b in zip(left[keep].tolist(), right[keep].tolist(), strict=True):
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    return np.array([find(node) for node in range(size)], dtype=np.int64)
