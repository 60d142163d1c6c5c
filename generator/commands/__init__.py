"""The commands of the command line: build, serve, snapshot, diff, init, synth, beispiele."""
