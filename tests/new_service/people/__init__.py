"""A throwaway service that exists only for the tests: a person's name and birth date are
personal data, sealed with that person's key and erased by shredding it. Never shipped."""
