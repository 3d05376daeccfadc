"""Headspace-oplæg — models come with its issue."""
