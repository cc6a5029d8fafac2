"""The nameko adapters: the RPC service and client, and their wire format."""
