"""The community manager's web dashboard (issue 16): sign-in by one-time link, server-rendered
pages over the same figures and actions as the CLI and the chat commands."""
