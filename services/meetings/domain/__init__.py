"""Pure meetings domain: values, rules, events, commands and the aggregates that decide."""
