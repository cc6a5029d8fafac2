"""The one path every mutation takes: build the command from its input, execute it on its service
for the caller's organisation, and answer with a type.

- done: the mutation's XxxSucceeded (`duplicate` for a command id already handled; `visible:
  false` when the service answered before its read models applied the command);
- refused: one of the shared Errors (errors.py), nothing changed;
- no answer (the service down, restarting or slow, RabbitMQ unreachable): CommandNotConfirmed.
  The command may still apply — it can wait in the service's queue and run when the service
  is back — so the client sends it again with the same command id until it is answered: a
  command that did apply meanwhile is then a duplicate, never applied twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

import strawberry

from kit import errors as kit
from kit import metrics
from kit.client import ServiceUnavailable

from .errors import Error, from_domain
from .telemetry import operation_label

log = logging.getLogger("partyorg.gateway")
NOT_CONFIRMED = "NOT_CONFIRMED"


@strawberry.type(description="The service did not answer in time (it is down, restarting or "
                             "slow), so the command is neither confirmed nor refused: it may "
                             "still apply. Send it again with the same commandId until it is "
                             "answered; if it did apply meanwhile, the answer is a success with "
                             "duplicate: true. Not an Error: something may change.")
class CommandNotConfirmed:
    code: str = strawberry.field(description="NOT_CONFIRMED")
    message: str
    command_id: strawberry.ID = strawberry.field(description="The id to send it again with.")
    service: str = strawberry.field(description="The service that did not answer, e.g. "
                                                "membership.")


def count_refusal(info: Any, code: str) -> None:
    name = info.operation.name and info.operation.name.value
    metrics.GRAPHQL_ERRORS.labels(operation_label(name), code.lower()).inc()


def execute(info: Any, service: str, input: Any, succeeded: type, *,
            parse_id: Callable[[Any, str], str], denied: str,
            paths: Mapping[str, str] | None = None) -> Any:
    """Answer the mutation whose `input` builds the command (`input.to_command()`) for `service`.
    `denied`: the refusal for a caller whose roles change nothing; `paths` renames domain fields
    to input paths in refusals."""
    ctx = info.context
    command_id = str(input.command_id)
    try:
        if not ctx.claims.can_write:
            raise kit.Forbidden(denied)
        command_id = parse_id(input.command_id, "command_id")
        command = input.to_command()
        result = ctx.service(service).service.execute(command, ctx.command_context(command_id),
                                                      acting_for=ctx.claims.org)
    except kit.DomainError as error:
        refusal: Error = from_domain(error, paths)
        count_refusal(info, error.code)
        return refusal
    except ServiceUnavailable as error:
        ctx.forget()  # it may have applied
        count_refusal(info, NOT_CONFIRMED)
        log.warning("a command was not confirmed", extra={"service": service,
                                                         "command_id": command_id,
                                                         "error": str(error)})
        return CommandNotConfirmed(
            code=NOT_CONFIRMED, command_id=strawberry.ID(command_id), service=service,
            message=f"the {service} service did not answer in time; the command may still "
                    "apply: send it again with the same commandId")
    ctx.forget()
    return succeeded(command_id=strawberry.ID(result.command_id), duplicate=result.duplicate,
                     visible=result.visible, **result.ids)
