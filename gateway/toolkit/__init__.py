"""What a service's GraphQL part (services/<name>/graphql/) builds with: generic GraphQL pieces,
no service. A part imports its own service's api and this toolkit; the gateway composes the
parts by the module paths the declarations name (gateway.schema), and one part shows another's
types only through entities.py."""

from ..auth import ORGANISATION_COMMISSION, VIEWER
from ..commands import CommandNotConfirmed, count_refusal, execute
from ..context import ForbiddenError, GatewayContext, domain_errors
from ..errors import ERROR_TYPES, Error
from .aggregates import reads_aggregates_only, require_aggregate_reader, require_aggregates
from .common import COMMAND_ID, CommandSucceeded, Info, graphql_enum, name_key, raise_input
from .entities import Entity, MissingEntity, load, reference
from .paging import DEFAULT_PAGE, Connection, Edge, PageInfo, connection

__all__ = [
    "COMMAND_ID", "DEFAULT_PAGE", "ERROR_TYPES", "ORGANISATION_COMMISSION", "VIEWER",
    "CommandNotConfirmed", "CommandSucceeded", "Connection", "Edge", "Entity", "Error",
    "ForbiddenError", "GatewayContext", "Info", "MissingEntity", "PageInfo", "connection",
    "count_refusal", "domain_errors", "execute", "graphql_enum", "load", "name_key",
    "raise_input", "reference",
    "reads_aggregates_only", "require_aggregate_reader", "require_aggregates",
]
