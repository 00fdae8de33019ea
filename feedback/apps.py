from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Reader feedback and corrections"

    def ready(self):
        from core.kinds import annotate_public_pages
        from editorial.signals import page_published
        from feedback.corrections import correction_note_published, with_corrections_flag

        page_published.connect(correction_note_published, dispatch_uid="feedback-corrections")
        annotate_public_pages(with_corrections_flag)
