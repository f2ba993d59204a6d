"""Judgements of the assets area (metadata, content, 3D models, histories, registries)."""
