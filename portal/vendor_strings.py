"""Strings of Django's admin and of django-reversion that their own Vietnamese catalogues lack
(or word badly: Django's "Add %(name)s" reads "add to" in Vietnamese). Listed here only so that
`makemessages` keeps them in locale/vi, whose translations take precedence over the packages'
own; nothing imports this module. Checked by tests/portal/test_translations.py, which lists
what the installed packages still leave in English."""

from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext_lazy

ADMIN = (
    _("Add %(name)s"),
    _("Add link"),
    _("Added:"),
    _("After you’ve created a user, you’ll be able to edit more user options."),
    _("Change or view list link"),
    _("Changed:"),
    _("Deleted:"),
    _("Disable password-based authentication"),
    _("Enable password-based authentication"),
    _("Error:"),
    _("Filter navigation items"),
    _("Forgotten your login credentials?"),
    _("Hide counts"),
    _("In case you’ve forgotten, you are:"),
    _("Model name"),
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", 1),
    ngettext_lazy("entry", "entries", 1),
    _("Select all objects on this page for an action"),
    _("Select this object for an action - {}"),
    _("Set password"),
    _("Show counts"),
    _("Sidebar"),
    _("This action will <strong>enable</strong> password-based authentication for this user."),
    _("Toggle navigation"),
    _("Toggle theme (current theme: auto)"),
    _("Toggle theme (current theme: dark)"),
    _("Toggle theme (current theme: light)"),
    _("View selected %(model)s"),
)

REVERSION = (
    # django-reversion-compare (no Vietnamese catalogue): the view's title, its field templates.
    _("Compare %(name)s"),
    _("Field didn't exist!"),
    _("add:"),
    _("changed to:"),
    _("remove:"),
    _("time since that date:"),
    _("Choose a date from the list below to recover a deleted version of an object."),
    _("Choose a date from the list below to revert to a previous version of this object."),
    _("Could not load %(object_repr)s version - incompatible version data."),
    _("Could not load %(object_repr)s version - not found"),
    _("Could not load %(object_repr)s version - unknown serializer %(format)s."),
    _("Could not save %(object_repr)s version - missing dependency."),
    _("Initial version."),
    _("Press the save button below to recover this version of the object."),
    _("Press the save button below to revert to this version of the object."),
    _("Recover %(name)s"),
    _("Recover deleted %(name)s"),
    _("Revert %(name)s"),
    _("Revert %(verbose_name)s"),
    _("Reversion"),
    _("Reverted to previous version, saved on %(datetime)s"),
    _("There are no deleted objects to recover."),
    _("This object doesn't have a change history. It probably wasn't added via this admin site."),
    _("date created"),
    _("revision"),
    _("revisions"),
    _("version"),
    _("versions"),
)
