"""What the articles app announces, for other apps (royalties) to act on without articles knowing them."""

from django.dispatch import Signal

# Sent with article=<the locked, approved row> and by=<the approver>, inside the approval's
# transaction: a receiver's writes commit, or roll back, with the approval.
article_approved = Signal()
