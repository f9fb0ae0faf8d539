"""The names of a conversation's parameters, their defaults and the values each may take: nowhere else."""

from __future__ import annotations

from typing import Final

# The keys of a conversation's parameters that reach the API, in the order a request body lists them
# (app.api.request builds the body from them: most under the same name; metadata_user_id, effort,
# output_format, cache_ttl, web_search and web_fetch each in its own place in the body).
API_PARAM_NAMES: Final = (
    "model",
    "max_tokens",
    "system",
    "temperature",
    "top_p",
    "top_k",
    "stop_sequences",
    "metadata_user_id",
    "tools",
    "tool_choice",
    "thinking",
    "effort",
    "output_format",
    "cache_ttl",
    "web_search",
    "web_fetch",
    "service_tier",
)
API_PARAMS: Final = frozenset(API_PARAM_NAMES)
SAMTAL_PARAMS: Final = frozenset({"stream", "sampling_preference"})
"""Keys of a conversation's parameters that Samtal reads itself and never sends as such."""
SAMPLING_PARAMS: Final = ("temperature", "top_p", "top_k")

DEFAULT_MAX_TOKENS: Final = 4096
"""max_tokens when nothing sets it (the API requires one)."""
MAX_TOKENS_LIMIT: Final = 128_000
"""The most max_tokens a control offers for a model whose limit is not known."""
MAX_NONSTREAMING_TOKENS: Final = 21_333
"""The most ``max_tokens`` a non-streaming request may ask for ("Streaming is required when max_tokens is
greater than 21,333")."""
MIN_THINKING_BUDGET: Final = 1024
DEFAULT_THINKING_BUDGET: Final = 2048
"""The budget a thinking control starts from when the conversation has none."""
THINKING_MIN_TOP_P: Final = 0.95

THINKING_TYPES: Final = ("enabled", "adaptive", "disabled")
THINKING_DISPLAYS: Final = ("summarized", "omitted")
"""``thinking.display``: the thinking as a summary (the API's default), or withheld (an empty thinking block
with its signature, which is replayed as it came)."""
EFFORT_LEVELS: Final = ("low", "medium", "high", "xhigh", "max")
"""``output_config.effort``, least to most. Without one the API works as at ``high``."""
DEFAULT_EFFORT: Final = "high"
CACHE_TTLS: Final = ("5m", "1h")
"""Automatic prompt caching (top-level ``cache_control``): for 5 minutes or 1 hour."""
SERVICE_TIERS: Final = ("auto", "standard_only")
SERVER_TOOLS: Final = {"web_search": "web_search_20250305", "web_fetch": "web_fetch_20250910"}
"""The server tools Samtal turns on by a parameter of their own (key: the params key and the tool's name;
value: the tool type sent)."""
