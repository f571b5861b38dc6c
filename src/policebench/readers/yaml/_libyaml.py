"""The one place that names what the loader takes from PyYAML beyond its public API.

The loader composes with libyaml through PyYAML's C extension, ``yaml._yaml`` (a private
module): it is what makes reading thousands of profiles fast, and it has no public
equivalent that keeps positions. What we rely on, and ``tests/readers/test_yaml.py`` checks:

* ``CParser(text)``, with ``get_single_node()``, ``get_event()`` and ``dispose()``;
* nodes and events carrying ``start_mark`` with 0-based ``line`` and ``column``;
* libyaml's own nesting limit (PyYAML 6.0.4 and later bundle a libyaml that refuses flow
  nesting past about 1,000 levels with "exceeded maximum nesting depth"): recognised here by
  :func:`is_depth_error` and reported as our own ``depth`` problem, so a planner sees the same
  message whichever limit is met first.
"""

from __future__ import annotations

import yaml
from yaml._yaml import CParser

__all__ = ["CParser", "is_depth_error"]


def is_depth_error(exc: yaml.YAMLError) -> bool:
    """Whether ``exc`` is libyaml refusing to nest deeper (its limit, not ours)."""
    problem = getattr(exc, "problem", None) or str(exc)
    return "maximum nesting depth" in problem
