"""The Matrix adapter (matrix-nio). Only this package imports ``nio``."""
