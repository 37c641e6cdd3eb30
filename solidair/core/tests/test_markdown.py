"""User-written Markdown becomes safe HTML."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from solidair.core.markdown import render_markdown


def test_it_renders_markdown():
    html = render_markdown("Hallo **wereld**\n\n* een\n* twee")
    assert "<strong>wereld</strong>" in html
    assert "<li>een</li>" in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        '<a href="#" onclick="alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
        '<p style="background:url(x)">x</p>',
    ],
)
def test_it_removes_anything_that_could_run(source):
    html = render_markdown(source)
    for needle in ("<script", "onerror", "javascript:", "onclick", "<iframe", "style=", "<img"):
        assert needle not in html


def test_links_get_nofollow_noopener():
    html = render_markdown("[site](https://example.org)")
    assert html == '<p><a href="https://example.org" rel="nofollow noopener">site</a></p>'


def test_headings_start_below_the_page_title():
    assert render_markdown("# Titel") == "<h2>Titel</h2>"


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_the_template_filter_marks_the_sanitised_html_safe():
    html = Template("{% load markdown %}{{ text|markdown }}").render(
        Context({"text": "**vet** <script>x</script>"})
    )
    assert "<strong>vet</strong>" in html
    assert "<script>" not in html
