"""Konsulenternes arbejde — models come with its issue."""
