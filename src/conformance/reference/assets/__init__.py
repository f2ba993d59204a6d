"""The reference asset registry: metadata, content, lifecycle, portability."""
