import numpy as np

from umis.matching.clustering import clusters


def test_chains_of_pairs_above_the_threshold_are_one_person():
    left = np.array([0, 1, 3, 4])
    right = np.array([1, 2, 4, 5])
    probability = np.array([0.9, 0.8, 0.4, 0.95])
    assert clusters(6, left, right, probability, 0.5).tolist() == [0, 0, 0, 3, 4, 4]
