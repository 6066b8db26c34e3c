"""The console demo: the HI5 cooperation with sample groups and people."""
