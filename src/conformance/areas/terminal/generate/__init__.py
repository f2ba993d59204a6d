"""Synthetic data for the harness: realistic captures with optional planted faults."""
