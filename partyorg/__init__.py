"""partyorg: event-sourced organisation work of a provincial party committee."""
