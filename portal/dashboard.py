"""The admin index's "needs attention" panel, gathered from each app's ``dashboard.py``.

An app's ``dashboard_items(request)`` returns dicts: ``label``, ``count``, ``url`` and
optionally ``warning`` (True to highlight). Only items the user may act on are returned.
"""

from importlib import import_module

APPS = ("articles", "royalties", "comments", "stats")


def dashboard_items(request) -> list[dict]:
    items = []
    for app in APPS:
        try:
            module = import_module(f"{app}.dashboard")
        except ModuleNotFoundError:
            continue
        items.extend(module.dashboard_items(request))
    return items
