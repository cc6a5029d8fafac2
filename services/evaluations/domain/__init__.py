"""Pure evaluations domain: values, levels, rules, events, commands and the aggregates that decide."""
