"""What the articles app announces, for other apps (royalties) to act on without articles knowing them."""

from django.dispatch import Signal

# Sent with article=<the locked, approved row> and by=<the approver>, inside the approval's
# transaction: a receiver's writes commit, or roll back, with the approval.
article_approved = Signal()

# Sent with published=<the article readers see> and copy=<its new version> (new_versions.py),
# inside the transaction: when a new version starts, other apps copy what they hold of the
# article (photo stories, videos); when it is approved, before the copy is deleted, they move
# the copy's onto the published article.
new_version_started = Signal()
new_version_published = Signal()
