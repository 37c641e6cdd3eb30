"""`{% load markdown %}{{ text|markdown }}`: sanitised Markdown in templates."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from solidair.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    # Safe to mark: render_markdown's output went through nh3's allow-list.
    return mark_safe(render_markdown(text))  # noqa: S308
