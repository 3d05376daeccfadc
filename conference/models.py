"""Konference og kurser — models come with its issue."""
