"""Teaching models: pure functions from parameters to numbers, unit-tested on worked cases."""
