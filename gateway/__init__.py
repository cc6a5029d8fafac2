"""The GraphQL gateway: one schema over the services, with auth, limits and metrics."""
