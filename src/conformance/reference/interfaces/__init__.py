"""The reference platform's shared surface: discovery, pagination."""
