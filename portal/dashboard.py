"""The admin index's "needs attention" panel, gathered from each app's ``dashboard.py``.

An app's ``dashboard_items(request)`` returns dicts: ``label``, ``count``, ``url`` and
optionally ``warning`` (True to highlight). Only items the user may act on are returned.
"""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def dashboard_items(request) -> list[dict]:
    """Every installed app's items, in the order of INSTALLED_APPS (found, not imported by name)."""
    items = []
    for config in apps.get_app_configs():
        if config.name != "portal" and module_has_submodule(config.module, "dashboard"):
            items.extend(import_module(f"{config.name}.dashboard").dashboard_items(request))
    return items
