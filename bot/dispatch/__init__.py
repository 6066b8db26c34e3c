"""The path of an event to its handler: services, context, the dispatcher and its middleware."""
