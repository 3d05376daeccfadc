"""Prøvehandlinger og temadag — models come with its issue."""
