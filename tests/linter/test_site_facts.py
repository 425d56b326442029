"""The main process's per-page facts: links kept on disk until site rules read them, collected values shared."""
from __future__ import annotations

from kasauti.linter.site import Link, LinkSpill, share_values


def test_spilled_links_read_back_as_the_tuple_they_replace_every_time():
    spill = LinkSpill()
    pages = [tuple(Link(f"https://x.gov.in/{p}/{i}", f"Link {i}", f"a:nth-of-type({i})") for i in range(n))
             for p, n in (("a", 3), ("b", 0), ("c", 40))]
    spilled = [spill.spill(links) for links in pages]
    assert spilled[1] == ()  # nothing written for a page without links
    for _ in range(2):  # site rules iterate several times
        assert [tuple(s) for s in spilled] == pages
    assert [len(s) for s in spilled] == [3, 0, 40]
    assert spilled[2][39] == pages[2][39] and spilled[0] == pages[0]
    assert [link.url for link in spilled[2] if link.text == "Link 7"] == ["https://x.gov.in/c/7"]


def test_collected_values_are_shared_between_pages_and_unhashable_ones_kept():
    table: dict = {}
    first = share_values({"DOC002": (("https://x.gov.in/a.pdf", "pdf", 1.0),), "I18N001": {"k": 1}}, table)
    second = share_values({"DOC002": (("https://x.gov.in/a.pdf", "pdf", 1.0),), "X": ([1],)}, table)
    assert first["DOC002"][0] is second["DOC002"][0]
    assert first["I18N001"] == {"k": 1} and second["X"] == ([1],)


def test_links_packed_in_a_worker_are_spilled_as_they_came():
    import pickle

    from kasauti.linter.site import PackedLinks

    links = tuple(Link(f"https://x.gov.in/{i}", f"Link {i}", f"li:nth-of-type({i}) > a", "hi" if i % 2 else "")
                  for i in range(70))
    packed = pickle.loads(pickle.dumps(PackedLinks.pack(links)))  # across the process boundary
    assert len(packed) == 70 and tuple(packed) == links
    assert PackedLinks.pack(()) == ()
    spill = LinkSpill()
    spilled = spill.spill(packed)
    assert tuple(spilled) == links and len(spilled) == 70
    assert spill.spill(links) == links  # a tuple from the single-process page pass is pickled by the spill
