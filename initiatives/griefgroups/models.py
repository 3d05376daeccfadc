"""Sorggrupper — models come with its issue."""
