"""What the maintainer runs: generation, the spec pin, update-spec, check-spec, diff-spec, versioning, packaging."""
