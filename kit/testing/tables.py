"""What each service's table tests check: wire names written as literals in the source, so no
name can come from a class's __name__ again."""

from __future__ import annotations

import ast
import inspect
from types import ModuleType


def event_table_names(module: ModuleType) -> list[str]:
    """The wire names of the EventCodec([...]) table in `module`'s source, each a str literal."""
    calls = [node for node in ast.walk(ast.parse(inspect.getsource(module)))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
             and node.func.id == "EventCodec" and node.args]
    assert len(calls) == 1, f"{module.__name__} builds one codec from one table"
    rows = calls[0].args[0]
    assert isinstance(rows, ast.List), f"{module.__name__}: the table is a list literal"
    names = []
    for row in rows.elts:
        assert isinstance(row, ast.Tuple) and len(row.elts) in (3, 4), ast.unparse(row)
        name = row.elts[0]
        assert isinstance(name, ast.Constant) and isinstance(name.value, str), \
            f"{module.__name__}: {ast.unparse(name)} is not a literal wire name"
        names.append(name.value)
    return names


def command_table_names(module: ModuleType, variable: str = "COMMANDS") -> list[str]:
    """The keys of the dict literal assigned to `variable` in `module`'s source, each a str."""
    tables = [node.value for node in ast.parse(inspect.getsource(module)).body
              if isinstance(node, ast.Assign)
              and any(isinstance(t, ast.Name) and t.id == variable for t in node.targets)]
    assert len(tables) == 1 and isinstance(tables[0], ast.Dict), \
        f"{module.__name__}.{variable} is one dict literal"
    names = []
    for key in tables[0].keys:
        assert isinstance(key, ast.Constant) and isinstance(key.value, str), \
            f"{module.__name__}: {key and ast.unparse(key)} is not a literal RPC name"
        names.append(key.value)
    return names

