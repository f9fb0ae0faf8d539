"""The ``samtal`` subcommands: ``ask``, ``models``, ``list``, ``show``, ``search``, ``export``, ``import``.

They never import Qt, and each imports only what it needs when it runs (``ask`` alone pulls in the HTTP
client), so they start fast. :func:`add_subcommands` is called by ``app.main.build_parser``; a parsed
subcommand carries its handler in ``args.func``, which returns the exit status.

Exit status: 0 success; 1 failure (an API error, something not found, an import with errors);
2 wrong usage (or parameters the model refuses); 3 the model declined to answer (a refusal); 130 stopped
with Ctrl+C.
"""

from app.cli.parser import add_subcommands

__all__ = ["add_subcommands"]
