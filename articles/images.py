"""Where imagekit keeps an article image's renditions."""

from imagekit.cachefiles import namers

_names: dict = {}


def source_name_as_path(generator):
    """imagekit's own name for a rendition, worked out once per image and process: it pickles
    the spec's processors to hash them, about a millisecond an image (a third of a list page
    rendered with nothing cached). A spec's processors never change while a process runs."""
    key = (type(generator), getattr(generator.source, "name", None))
    name = _names.get(key)
    if name is None:
        if len(_names) > 50_000:  # bounded: a long-running process meets many images
            _names.clear()
        name = _names[key] = namers.source_name_as_path(generator)
    return name
