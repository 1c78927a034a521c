"""The public Dask entry points (see :mod:`kora_quotes.output.dask`)."""

from .output.dask import *  # noqa: F401,F403
from .output.dask import __all__  # noqa: F401
