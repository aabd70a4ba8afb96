from django.db import models
from django.utils.translation import gettext_lazy as _


class CoefficientUnit(models.Model):
    """The value in VND of one royalty coefficient unit, in force from its date until the next."""

    valid_from = models.DateField(_("valid from"), unique=True)
    value = models.PositiveIntegerField(_("value of one unit (VND)"))
    base_salary = models.PositiveIntegerField(_("statutory base salary (VND)"), null=True, blank=True)
    note = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("coefficient unit value")
        verbose_name_plural = _("coefficient unit values")

    def __str__(self):
        return f"{self.value:,} đ ({self.valid_from:%d/%m/%Y})".replace(",", ".")

    @classmethod
    def value_on(cls, day):
        return cls.objects.filter(valid_from__lte=day).values_list("value", flat=True).first()
