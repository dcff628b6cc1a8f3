"""What users run: the generated SDK's behaviour, derived from the spec."""
