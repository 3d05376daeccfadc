"""Statusnotat — models come with its issue."""
