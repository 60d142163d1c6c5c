"""Content phase: the schema, loading, validation and the frozen model."""
