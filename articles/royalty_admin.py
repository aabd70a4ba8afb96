class RoyaltyAdminMixin:
    """Royalty behaviour of the article admin (fee overrides and the like)."""
