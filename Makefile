# partyorg — the commands a newcomer needs. Each target sets itself up first.
SHELL := /bin/bash
BIN := .venv/bin
DATA ?= var/demo
PORT ?= 8000
ORG ?= root
ROLE ?= organisation_commission
SIZES ?= 10k,100k,1M,7M

.PHONY: setup demo serve test unit lint token seed seed-up bench clean contracts manifests servers \
	servers-down up down seed-transfers-up

setup:
	@deploy/local/python-env.sh

demo: setup ## seed the demo provinces (first run); serve their GraphQL + metrics, and the federation over both
	$(BIN)/partyorg demo --data $(DATA) --port $(PORT)

serve: setup
	$(BIN)/partyorg serve --data $(DATA) --port $(PORT)

# `make up`'s province PROVINCE (NB, HUE): the servers' addresses and its own settings
PROVINCE ?= NB
UP_ENV = set -a && . var/local-env.sh && \
	province=$$($(BIN)/python -m partyorg.local_provinces env $(PROVINCE)) && eval "$$province" && set +a

# without DATA=…, the data of the demo last served here (else var/demo); UP=1: `make up`'s province
# PROVINCE (NB by default)
token: setup ## make token ORG=<organisation id|root> ROLE=<role> [ORGAN=<organ>] [DATA=<folder> | UP=1 [PROVINCE=HUE]]
	@$(if $(UP),$(UP_ENV) && )$(BIN)/partyorg token \
		$(if $(UP),--distributed,$(if $(filter file,$(origin DATA)),,--data $(DATA))) \
		--org $(ORG) --role $(ROLE) $(if $(ORGAN),--organ $(ORGAN))

seed: setup
	$(BIN)/partyorg seed --data $(DATA)

SCALE ?= 0.1
seed-up: setup ## the demo province into `make up`'s province NB, through its commands (SCALE=1 …)
	$(UP_ENV) && $(BIN)/partyorg seed --distributed --scale $(SCALE)

seed-transfers-up: setup ## letters between `make up`'s NB and HUE, once both are seeded
	$(UP_ENV) && $(BIN)/partyorg seed --distributed --transfers

lint: setup
	$(BIN)/ruff check .

servers: ## start the real servers (PostgreSQL, RabbitMQ, Kafka, Prometheus); idempotent
	@deploy/local/up.sh >/dev/null

servers-down:
	@deploy/local/down.sh

up: setup servers ## two provinces (NB, HUE), each service's processes and gateway; the federation
	@deploy/local/platform.sh up

down: ## stop the topology's processes, then the servers
	@deploy/local/platform.sh down
	@deploy/local/down.sh

# the suite in WORKERS processes (pytest-xdist; a file's tests stay on one worker), then the few
# tests that restart a shared server, alone
WORKERS ?= 2
test: setup lint servers ## ruff, the real servers, then the whole suite against them
	set -a && . var/local-env.sh && set +a && \
		$(BIN)/pytest -q -n $(WORKERS) --dist loadfile -m "not restarts_servers" && \
		$(BIN)/pytest -q -m restarts_servers

unit: setup ## the fast tier: handlers and the event store in memory, no servers (seconds)
	$(BIN)/pytest -q services/*/tests/unit kit/tests/test_memory_event_store.py

bench: setup servers ## the benchmark suite -> docs/benchmarks.md and .json (SIZES=10k,100k,1M,7M)
	$(BIN)/python -m pip install -q -e ".[bench]"
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq wrk >/dev/null 2>&1; } || \
		echo "wrk is not installed: the GraphQL load comes from the httpx client" >&2
	set -a && . var/local-env.sh && set +a && $(BIN)/python -m bench --sizes $(SIZES)

contracts: setup ## regenerate the published contracts (event JSON Schemas, GraphQL SDL)
	$(BIN)/python contracts/generate.py
	$(BIN)/python -m gateway.export_schema

manifests: setup ## rewrite compose, Kubernetes and Prometheus manifests from partyorg/services.py
	$(BIN)/python -m partyorg.manifests

clean:
	rm -rf var .venv
