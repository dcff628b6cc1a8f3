"""What the tests share (calls, the spec's contract, value strategies, loopback servers) and the tests of the
support tools (the stand-in)."""
