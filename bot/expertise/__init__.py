"""The expertise index's storage side: the queries that read and write its rows, turning
them into the plain data :mod:`knowledge` ranks over."""
