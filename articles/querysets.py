"""What the pages ask of articles: published, in a language, and only the columns a list shows."""

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language

DEFAULT_LANGUAGE = "vi"


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Approved, shown, and due (at `now`, by default this moment): what a reader may see."""
        return self.filter(approval=self.model.Approval.APPROVED, is_shown=True,
                           publish_at__lte=now or timezone.now())

    def in_language(self, language=None):
        """Articles readable in the language: English lists hold only translated articles."""
        language = (language or get_language() or DEFAULT_LANGUAGE)[:2]
        if language == DEFAULT_LANGUAGE:
            return self
        return self.exclude(**{f"title_{language}__isnull": True}).exclude(**{f"title_{language}": ""})

    def for_list(self):
        """What a list of articles needs, without the heavy text columns."""
        return self.select_related("category").defer(
            "content", "content_vi", "content_en", "search_title_vi", "search_title_en",
            "search_body_vi", "search_body_en", "phone", "email",
        )

    def for_cards(self):
        """Only what a card or a link in a public list shows (its category's name and address
        included): a dozen columns of sixty, which the ORM builds and PostgreSQL sends faster."""
        return self.select_related("category").only(
            "slug", "title_vi", "title_en", "summary_vi", "summary_en", "image", "publish_at", "featured",
            "comment_count", "category__slug", "category__name_vi", "category__name_en",
        )

    def for_links(self):
        """Only what a link in a side list shows (its title, address and date): no join."""
        return self.only("slug", "title_vi", "title_en", "publish_at")

    def lacking_translation(self, language="en"):
        return self.filter(models.Q(**{f"title_{language}__isnull": True}) | models.Q(**{f"title_{language}": ""}))
