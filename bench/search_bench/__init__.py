"""The phases of bench/search.py: reindex, queries, publish (and what they share)."""
