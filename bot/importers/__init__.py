"""Bulk imports of chat history (Slack exports, Matrix rooms) for the expertise index."""
