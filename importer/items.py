"""One old item made into an article (or the article it became brought up to date), inside the
caller's transaction: its metadata, lead image, body with library figures, attachments, old
addresses and read count."""

import hashlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext as _

from articles.models import Article, ArticleType, Attachment, Category
from articles.text import search_normalise, slug_from
from articles.validators import validate_attachment, validate_image
from multimedia import services as library

from . import body, mapping as values
from .media import MediaError, MediaFolder
from .models import LegacyItem, OldAddress
from .sources import Item

VERSION = "1"  # part of every item's checksum: a change of the import's rules updates every article
SUMMARY_MAX = Article._meta.get_field("summary").max_length
APPROVALS = {"approved": Article.Approval.APPROVED, "pending": Article.Approval.PENDING,
             "draft": Article.Approval.DRAFT, "rejected": Article.Approval.REJECTED}


class ItemError(Exception):
    """The item cannot become an article; nothing of it is kept."""


@dataclass
class Context:
    """What every item of a run shares: the mapping, the media, the user, the lists found so
    far, the planned address of every old article, and files already copied."""

    mapping: values.Mapping
    media: MediaFolder
    by: object = None
    addresses: dict = field(default_factory=dict)  # normalised old address -> new article's path
    categories: dict = field(default_factory=dict)
    types: dict = field(default_factory=dict)
    known: dict = field(default_factory=dict)  # old item key -> checksum, for the items imported before
    owners: dict = field(default_factory=dict)  # normalised old address -> its article's id
    claimed: dict = field(default_factory=dict)  # the addresses the item being stored takes
    fresh: list = field(default_factory=list)  # (cache, key) of rows the item being stored created
    stored_images: dict = field(default_factory=dict)  # source file -> stored name (lead images)
    library_images: dict = field(default_factory=dict)  # (source file, caption) -> library image


def checksum(item: Item) -> str:
    data = json.dumps([VERSION, item.fields, item.attachments], default=str, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()


def store(item: Item, *, slug: str, context: Context, warnings: list) -> tuple[Article, bool]:
    """The item's article, created or updated; (article, created). Raises ItemError."""
    f = item.fields
    legacy = (LegacyItem.objects.select_related("article").filter(key=item.key).first()
              if item.key in context.known else None)
    article_type = _type(values.lookup(f.get("article_type")), context)
    # The type given here: Article()'s default would look the default type up for every item.
    article = legacy.article if legacy else Article(slug=slug, created_by=context.by, article_type=article_type)
    created = legacy is None
    title = values.text(f.get("title"))
    if not title:
        raise ItemError(_("The item has no title."))
    try:
        publish_at = values.moment(f.get("publish_at")) or timezone.now()
        coefficient = values.decimal(f.get("coefficient"))
    except ValueError as error:
        raise ItemError(str(error)) from None
    lead = _lead_image(article, values.text(f.get("image")), values.text(f.get("image_caption")) or title,
                       context, warnings)
    seen = []

    def figures(src, caption):
        seen.append(src)
        if len(seen) == 1 and lead is not None and _found(context, src) == lead:
            if caption and not values.text(f.get("image_caption")):
                article.image_caption_vi = caption[:300]
            return "<!-- lead -->"  # the page shows the lead image there already, with its caption
        return _figure(src, caption or title, caption, context, warnings)

    content, photos = body.clean(values.text(f.get("content")), figure=figures, link=context_link(context))
    content_en = body.clean(values.text(f.get("content_en")), figure=figures, link=context_link(context))[0]
    summary = " ".join(strip_tags(values.text(f.get("summary"))).split())
    if not summary:
        summary = " ".join(strip_tags(content).split())[:300] or title
    link = values.text(f.get("content_link"))[:500]
    if not strip_tags(content).strip() and "<figure" not in content:
        # An item that only sends readers elsewhere, or only has its summary: the page still reads.
        content = format_html('<p><a href="{}">{}</a></p>', link, title) if link else format_html("<p>{}</p>", summary)
    if len(summary) > SUMMARY_MAX:
        summary = summary[:SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"
        warnings.append(_("The summary was shortened to %(limit)d characters.") % {"limit": SUMMARY_MAX})
    state = context.mapping.approval_of(f.get("approval"))
    if not state:
        state = "draft"
        warnings.append(_("The approval status “%(value)s” is unknown: the article is a draft.")
                        % {"value": values.text(f.get("approval"))[:40]})
    email = values.text(f.get("email"))
    try:
        validate_email(email) if email else None
    except ValidationError:
        email = ""
        warnings.append(_("The author's e-mail address is not valid and was left out."))
    article.title_vi, article.summary_vi, article.content_vi = title, summary, content
    article.title_en = values.text(f.get("title_en"))
    article.summary_en = " ".join(strip_tags(values.text(f.get("summary_en"))).split())[:SUMMARY_MAX]
    article.content_en = content_en
    article.content_link = link
    article.publish_at, article.coefficient = publish_at, coefficient
    article.featured, article.is_shown = values.flag(f.get("featured")), values.shown(f.get("status"))
    article.author_name = (values.text(f.get("author_name")) or values.text(f.get("author")))[:150]
    article.pen_name = values.text(f.get("pen_name"))[:150]
    article.phone, article.email = values.text(f.get("phone"))[:30], email
    article.page_count = values.whole(f.get("page_count"))
    article.photo_count = values.whole(f.get("photo_count")) or photos
    # The old portal's amount stands, nought included; none written: left for the royalties to fix.
    article.fee = values.whole(f.get("fee")) if values.text(f.get("fee")) else None
    article.fee_overridden = article.fee is not None
    article.category = _category(values.lookup(f.get("category")), context)
    article.article_type = article_type
    article.approval = APPROVALS[state]
    article.approval_level = 1 if state == "pending" else 0
    article.approved_at = publish_at if state == "approved" else None
    article.approved_by = context.by if state == "approved" else None
    article.rejection_reason = _("Rejected on the old portal.") if state == "rejected" else ""
    try:
        article.full_clean(exclude=["image", "slug", "category", "article_type", "created_by"],
                           validate_unique=False)
    except ValidationError as error:
        raise ItemError(_refusal(error)) from None
    if created:
        article.read_count = values.whole(f.get("read_count"))  # written by the INSERT itself
    article.save()
    if not created:  # Article.save() leaves the counters alone on an update
        Article.objects.filter(pk=article.pk).update(read_count=values.whole(f.get("read_count")))
    if legacy is None:
        LegacyItem.objects.create(key=item.key, article=article, checksum=checksum(item))
    else:
        LegacyItem.objects.filter(pk=legacy.pk).update(checksum=checksum(item))
    _old_addresses(item, article, context, warnings)
    _attachments(item, article, context, warnings, replace=not created)
    return article, created


def _refusal(error: ValidationError) -> str:
    """The model's refusal in a line: each field once (not again for its Vietnamese copy)."""
    found = error.message_dict
    parts = []
    for name, messages in found.items():
        if name[-3:] in ("_vi", "_en") and name[:-3] in found:
            continue
        label = Article._meta.get_field(name).verbose_name if name != "__all__" else ""
        parts.append(f"{label}: {' '.join(messages)}" if label else " ".join(messages))
    return " ".join(parts)


def context_link(context: Context):
    def link(href: str) -> str:
        return context.addresses.get(OldAddress.normalise(href), href)
    return link


def _figure(src, alt, caption, context, warnings):
    try:
        path = context.media.find(src)
    except MediaError as error:
        warnings.append(_("A photo of the body was left out: %(reason)s.") % {"reason": error})
        return None
    key = (str(path), caption)
    image = context.library_images.get(key)
    if image is None:
        try:
            with context.media.open(path) as file:
                image = library.image_create(file=file, alt_vi=alt[:300], caption_vi=caption[:500], by=context.by)
        except ValidationError as error:
            warnings.append(_("The photo %(name)s was refused: %(reason)s")
                            % {"name": path.name, "reason": " ".join(error.messages)})
            return None
        context.library_images[key] = image
        context.fresh.append((context.library_images, key))
    return library.figure_html(image, caption=caption)


def _found(context, src):
    try:
        return context.media.find(src)
    except MediaError:
        return None


def _lead_image(article, value, caption, context, warnings):
    """The article's own image (lists and the top of its page); the file it came from, or None."""
    address = MediaFolder.address_of(value)
    if not address:
        return None
    try:
        path = context.media.find(address)
        stored = context.stored_images.get(str(path))
        if stored:  # the same file for another article: one copy
            article.image.name = stored
        else:
            with context.media.open(path) as file:
                validate_image(file)
                article.image.save(path.name, file, save=False)
            context.stored_images[str(path)] = article.image.name
        article.image_caption_vi = caption[:300]
        return path
    except MediaError as error:
        warnings.append(_("The article's image was left out: %(reason)s.") % {"reason": error})
    except ValidationError as error:
        warnings.append(_("The article's image was refused: %(reason)s") % {"reason": " ".join(error.messages)})
    return None


def _named(model, cache, name, create, context):
    key = " ".join(search_normalise(name).split())
    if key not in cache:
        found = {" ".join(search_normalise(o.name_vi or o.name).split()): o for o in model.objects.all()}
        cache.update({k: v for k, v in found.items() if k not in cache})
    if key not in cache:
        cache[key] = create()
        context.fresh.append((cache, key))
    return cache[key]


def _category(name, context):
    name = name or "Tin tức"

    def create():
        slug, n = slug_from(name, 150), 2
        while Category.objects.filter(slug=slug).exists():
            slug, n = f"{slug_from(name, 150)}-{n}", n + 1
        # Out of the navigation until an editor places it: an import does not rearrange the site.
        return Category.objects.create(name=name, name_vi=name, slug=slug, in_navigation=False)
    return _named(Category, context.categories, name[:150], create, context)


def _type(name, context):
    if not name:
        if "" not in context.types:
            context.types[""] = ArticleType.default()
        return context.types[""]
    return _named(ArticleType, context.types, name[:100],
                  lambda: ArticleType.objects.create(name=name[:100], name_vi=name[:100]), context)


def _old_addresses(item, article, context, warnings):
    for address in context.mapping.addresses(values.text(item.fields.get("id")),
                                             values.text(item.fields.get("friendly_name"))):
        key = OldAddress.normalise(address)
        owner = context.owners.get(key)
        if owner is None:
            OldAddress.objects.create(path=address[:500], article=article)
            context.claimed[key] = article.pk  # the caller adds them to `owners` once the item is stored
        elif owner != article.pk:
            warnings.append(_("The old address %(address)s already leads to another article.")
                            % {"address": address[:200]})


def _attachments(item, article, context, warnings, replace):
    names = list(item.attachments)
    if not names and item.fields.get("attachments") is True and item.fields.get("id"):
        folder = f"attachments/{item.fields['id']}/"
        names = [rel for rel in context.media.by_path if f"/{folder}" in f"/{rel}"]
    if not names:
        return
    if replace:
        article.attachments.all().delete()
    for order, name in enumerate(names):
        try:
            path = context.media.find(name)
            with context.media.open(path) as file:
                validate_attachment(file)
                if not file.size:
                    raise ValidationError(_("the file is empty"))
                attachment = Attachment(article=article, title=path.stem[:255], order=order)
                attachment.file.save(path.name, file, save=False)
                attachment.save()
        except MediaError as error:
            warnings.append(_("An attachment was left out: %(reason)s.") % {"reason": error})
        except ValidationError as error:
            warnings.append(_("The attachment %(name)s was refused: %(reason)s")
                            % {"name": str(name).rsplit("/", 1)[-1][:120], "reason": " ".join(error.messages)})
