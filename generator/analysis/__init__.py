"""Analysis phase: network measures, layout and the figures of the programme's shape."""
