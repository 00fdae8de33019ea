from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorConfig(AppConfig):
    name = "editor"
    verbose_name = _("Markdown editor")

    def ready(self):
        from editor.admin import glossary_exclusions, markdown_editor, structured_field
        from editorial.page_admin import register_form_hook, register_formfield_hook

        register_formfield_hook(markdown_editor)
        register_formfield_hook(structured_field)
        register_form_hook(glossary_exclusions)
