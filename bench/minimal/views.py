from django.shortcuts import get_object_or_404, render

from .models import Item


def page(request, slug):
    item = get_object_or_404(Item.objects.only("title", "slug", "summary"), slug=slug)
    return render(request, "minimal/page.html", {"item": item})
