"""The bundled demo portal and the `zswatch demo` walk-through."""
