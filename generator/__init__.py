"""Netzwerk-Dashboard: a static site generator for the MPSC network of Kommunen."""

__version__ = "0.1.0"
