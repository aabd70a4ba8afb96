def stats(request) -> dict:
    return {}
