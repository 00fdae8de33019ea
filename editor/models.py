from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UploadedImage(models.Model):
    """An image uploaded through the editor: who uploaded it, and what was stored."""

    file = models.FileField(_("file"), upload_to="editor/", max_length=200, unique=True)
    format = models.CharField(_("format"), max_length=10)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("uploaded image")
        verbose_name_plural = _("uploaded images")

    def __str__(self):
        return self.file.name
