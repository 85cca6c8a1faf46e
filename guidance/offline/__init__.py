"""Offline reading: a ZIP of each theme per language (packs.py), served by views.py."""
