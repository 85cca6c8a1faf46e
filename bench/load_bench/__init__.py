"""The parts of bench/load.py: services, clients, phases, report."""
