"""Clients the gateway uses to reach services in other processes."""
