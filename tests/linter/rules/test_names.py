"""Links and buttons: outcomes the fixture pages cannot express (needs-review, grouping of targets)."""
from __future__ import annotations

from .wcag_helpers import outcomes, page


def test_lone_generic_link_is_only_reviewed():
    html = page('<main><h1>Forms</h1><p>The application form is <a href="/forms/a.pdf">here</a>.</p></main>')
    assert outcomes("LNK002", html) == [("needs-review", "lone")]


def test_generic_links_to_the_same_target_are_not_a_violation():
    html = page('<main><h1>News</h1><a href="/news/">More</a> <a href="/news/index.html">more &raquo;</a>'
                '<a href="/news/#top">More</a></main>')
    # /news/ and /news/index.html are one target; /news/#top is a different place on it.
    assert [o for o, _ in outcomes("LNK002", html)] == ["violation"] * 3
    html = page('<main><h1>News</h1><a href="/news/">More</a> <a href="/news/index.html">more</a></main>')
    assert [o for o, _ in outcomes("LNK002", html)] == ["needs-review"] * 2


def test_hindi_spellings_of_click_here_are_one_group():
    html = page('<main><h1>सूचनाएं</h1><a href="/a/">यहाँ क्लिक करें</a><a href="/b/">यहां क्लिक करें</a></main>',
                lang="hi")
    assert [o for o, _ in outcomes("LNK002", html)] == ["violation", "violation"]


def test_text_hidden_inside_a_link_does_not_count_but_visually_hidden_text_does():
    hidden = page('<main><h1>x</h1><a href="/a/">Read more<span hidden> about A</span></a>'
                  '<a href="/b/">Read more<span hidden> about B</span></a></main>')
    assert [o for o, _ in outcomes("LNK002", hidden)] == ["violation", "violation"]
    visually_hidden = hidden.replace("<span hidden>", '<span class="visually-hidden">')
    assert outcomes("LNK002", visually_hidden) == []


def test_link_named_only_by_aria_hidden_content_has_no_name():
    html = page('<main><h1>x</h1><a href="/x/"><span aria-hidden="true">X</span></a>'
                '<a href="/y/"><span aria-hidden="true">Y</span><span class="sr-only">Yojana</span></a></main>')
    assert outcomes("LNK001", html) == [("violation", "default")]


def test_submit_without_value_has_the_default_name_but_an_empty_value_removes_it():
    assert outcomes("BTN001", page('<form><input type="submit"></form>')) == []
    assert outcomes("BTN001", page('<form><input type="submit" value=" "></form>')) == [("violation", "default")]
    labelled = page('<form><label for="s">Send</label><input id="s" type="submit" value=""></form>')
    assert outcomes("BTN001", labelled) == []
