"""Story logic: what is known about each watched event, and what changed since the last alert."""
