"""Åben Skole-midler — models come with its issue."""
