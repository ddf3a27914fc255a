"""Published estimates of North Korean troops sent to Russia and their losses, with sources.

    >>> import estimates
    >>> dataset = estimates.load()
    >>> frame = estimates.to_frame(dataset)

The names below are imported on first use, so that the standard-library modules of this
package (`estimates.urls`, `estimates.text_rules`) load without pydantic or pandas.
"""

from __future__ import annotations

from importlib import import_module

_LAZY = {"DATA_DIR": ".dataset", "ROOT": ".dataset", "SEEDS_DIR": ".dataset", "Dataset": ".dataset",
         "load": ".dataset", "to_frame": ".frame", "reports_frame": ".frame"}
__all__ = ["DATA_DIR", "ROOT", "SEEDS_DIR", "Dataset", "load", "reports_frame", "to_frame"]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
