"""A throwaway service that exists only for the tests: proof that a service's folder plus its
declaration is all the platform needs to run it, embedded and over RPC. Never shipped."""
