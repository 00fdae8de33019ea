from django import template

from feedback import corrections, targets

register = template.Library()


@register.simple_tag
def feedback_target(page):
    return targets.form_target(page)


@register.simple_tag
def corrections_for(page):
    return corrections.corrections_for(page)
