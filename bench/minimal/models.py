from django.db import models


class Item(models.Model):
    """A read-only view of the portal's article table: the one row the page shows."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200)
    summary = models.TextField()

    class Meta:
        managed = False
        db_table = "articles_article"
        app_label = "minimal"
