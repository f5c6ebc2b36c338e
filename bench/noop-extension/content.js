// Intentionally empty: the benchmark floor.
