"""Change digests: building, rendering and delivery."""
