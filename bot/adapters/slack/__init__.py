"""Slack: the only package that imports slack-bolt / slack-sdk."""
