"""Published estimates of North Korean troops sent to Russia and their losses, with sources.

    >>> import estimates
    >>> dataset = estimates.load()
    >>> frame = estimates.to_frame(dataset)
"""

from .dataset import DATA_DIR, ROOT, SEEDS_DIR, Dataset, load
from .frame import to_frame

__all__ = ["DATA_DIR", "ROOT", "SEEDS_DIR", "Dataset", "load", "to_frame"]
