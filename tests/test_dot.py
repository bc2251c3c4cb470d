"""Building DOT: cards, edge styles, junctions, clusters, and escaping of anything users type."""

from __future__ import annotations

import json
import re

import pytest

from argmap.model import ArgumentMap, Attribution, Group, Relation, Statement
from argmap.render.cards import CardLines
from argmap.render.dot import DotOptions, build_dot, junction_relations, statement_label
from argmap.render.dot_text import dot_id
from argmap.render.engine import find_engine, run_graphviz
from argmap.render.export import render_map
from argmap.theme import get_theme

HOSTILE = [
    'He said "no" and left',
    "back\\slash \\N \\G \\L \\n \\\\ end\\",
    "<b>not bold</b> & <table> </td>",
    "{braces} [brackets] -> edge; node [shape=box]",
    "]]> <!-- --> &amp; &#x41; &lt;",
    "שלום, Israel — أمن الخليج",
    "line one\nline two\r\nline three\ttabbed",
    "'single' `back` $dollar %percent",
    "digraph { a -> b }",
]


def layout(argument_map: ArgumentMap) -> dict:
    return json.loads(run_graphviz(find_engine(), build_dot(argument_map), "json"))


def svg_of(argument_map: ArgumentMap) -> str:
    return run_graphviz(find_engine(), build_dot(argument_map), "svg").decode()


def svg_text(svg: str) -> str:
    """All text drawn in an SVG, lines joined by spaces, entities decoded."""
    import html

    return " ".join(html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_every_field_still_parses_and_is_drawn_literally(text):
    argument_map = ArgumentMap(
        title=text,
        statements=[
            Statement(
                id="a",
                text=text,
                title=text,
                attribution=Attribution(speaker=text, quote=text, date=text),
            ),
            Statement(id="b", text="plain"),
        ],
        relations=[Relation(id="r", kind="support", premises=["b"], target="a")],
    )
    drawn = svg_text(svg_of(argument_map))
    for line in text.replace("\t", "    ").splitlines():
        for word in line.split():
            assert word in drawn


def test_a_backslash_sequence_is_not_expanded_by_graphviz():
    argument_map = ArgumentMap(statements=[Statement(id="node1", text="see \\N here")])
    drawn = svg_text(svg_of(argument_map))
    assert "see \\N here" in drawn
    assert "node1" not in drawn


def test_the_dot_source_is_one_named_digraph(argument_map):
    source = build_dot(argument_map)
    assert source.startswith("digraph argmap {\n")
    assert source.endswith("\n}\n")
    assert source.count("digraph") == 1


def test_tooltips_carry_quote_and_source_escaped(argument_map):
    source = build_dot(argument_map)
    assert 'tooltip="“self-reliance”"' in source
    svg = svg_of(argument_map)
    assert "Nimrod Goren, A defense treaty is not the answer" in svg


def test_cards_show_bold_title_wrapped_text_and_italic_attribution(argument_map):
    label = statement_label(argument_map.statement("deterrence"), get_theme(None))
    assert "<i>— Shimon Peres, mid-1990s</i>" in label
    label = statement_label(argument_map.statement("claim"), get_theme(None))
    assert "<b>Treaty</b>" in label


def test_long_text_wraps_onto_several_lines():
    statement = Statement(id="a", text=" ".join(["word"] * 40))
    label = statement_label(statement, get_theme(None))
    assert label.count("<br/>") >= 4


def test_a_card_of_wide_characters_is_made_as_wide_as_its_lines_are_drawn():
    """Graphviz counts a Japanese character about 0.8 em wide; it is drawn 1 em wide."""
    text = "日本語のテキストはスペースなしで長く続くことがあります。"
    statement = Statement(id="ja", text=text)
    node = next(o for o in layout(ArgumentMap(statements=[statement]))["objects"])
    widest = max(len(line) for line in CardLines(get_theme(None))(statement).text)
    drawn = widest * get_theme(None).font_size  # every character of the text is wide
    assert float(node["width"]) * 72 >= drawn + 2 * 0.12 * 72  # and the card's margins


def test_a_card_without_wide_characters_is_measured_by_graphviz_alone():
    for text in ["A reason in English", "שלום, Israel — أمن الخليج", "naïve café"]:
        assert "width=" not in statement_label(Statement(id="s", text=text), get_theme(None))


def test_right_to_left_text_is_right_aligned():
    label = statement_label(Statement(id="a", text="שלום עליכם"), get_theme(None))
    assert 'balign="right"' in label


def test_cards_are_coloured_by_role(argument_map):
    source = build_dot(argument_map)
    theme = get_theme(None)
    for statement_id, role in argument_map.roles().items():
        node = re.search(rf"\n\s*{re.escape(statement_id)} \[.*", source).group(0)
        assert f'fillcolor="{theme.card(role).fill}"' in node


def test_support_and_attack_edges_differ_in_colour_style_and_arrowhead(argument_map):
    edges = {e["id"]: e for e in layout(argument_map)["edges"]}
    support, attack = edges["edge-r-deter"], edges["edge-r-freedom"]
    assert support["color"] != attack["color"]
    assert support["style"] == "solid"
    assert attack["style"] == "dashed"
    assert support["arrowhead"] == "normal"
    assert attack["arrowhead"] == "tee"


def test_co_premises_meet_at_one_junction_with_one_arrow_to_the_target(argument_map):
    source = build_dot(argument_map)
    assert 'deterrence -> "r-deter"' in source
    assert 'credible -> "r-deter"' in source
    assert source.count('"r-deter" -> claim') == 1
    assert "r-deter" in junction_relations(argument_map)


def test_an_undercut_points_at_the_junction_of_the_inference_it_attacks(argument_map):
    source = build_dot(argument_map)
    assert re.search(r'gimmick -> "r-deter" \[.*arrowhead=tee', source)


def test_a_single_premise_relation_is_a_direct_edge(argument_map):
    assert "freedom -> claim" in build_dot(argument_map)
    assert "r-freedom" not in junction_relations(argument_map)


def test_groups_become_clusters(argument_map):
    clusters = [o for o in layout(argument_map)["objects"] if o["name"].startswith("cluster_")]
    assert [c["label"] for c in clusters] == ["Rabin era"]


def test_reasons_are_drawn_left_to_right_in_the_order_of_their_relations():
    reasons = ["first", "second", "third", "fourth"]
    argument_map = ArgumentMap(
        statements=[
            *(Statement(id=name, text=f"The {name} reason") for name in reasons),
            Statement(id="claim", text="The claim"),
        ],
        relations=[
            Relation(id=f"r-{name}", kind="support", premises=[name], target="claim")
            for name in reasons
        ],
        groups=[
            Group(id="early", title="Early", statements=["first"]),
            Group(id="late", title="Late", statements=["third"]),
        ],
    )
    across = {
        o["name"]: float(o["pos"].split(",")[0])
        for o in layout(argument_map)["objects"]
        if "pos" in o
    }
    assert sorted(reasons, key=across.__getitem__) == reasons


def title_place(drawing: dict, group_id: str) -> float:
    """Where a group's title sits in its box: 0 at the bottom edge, 1 at the top."""
    (cluster,) = [o for o in drawing["objects"] if o.get("name") == f"cluster_{group_id}"]
    _, bottom, _, top = (float(v) for v in cluster["bb"].split(","))
    return (float(cluster["lp"].split(",")[1]) - bottom) / (top - bottom)


def test_an_export_puts_group_titles_away_from_the_main_claim_where_no_edge_leaves(argument_map):
    assert title_place(layout(argument_map), "rabin") < 0.5


def test_the_editors_layout_keeps_group_titles_at_the_top(argument_map):
    sizes = {s.id: (120.0, 40.0) for s in argument_map.statements}
    source = build_dot(argument_map, DotOptions(sizes=sizes))
    assert title_place(json.loads(run_graphviz(find_engine(), source, "json")), "rabin") > 0.5


def test_a_drawing_at_given_positions_puts_group_titles_in_the_room_kept_at_the_top(argument_map):
    drawing = json.loads(render_map(argument_map, "json", layout="tree"))
    assert title_place(drawing, "rabin") > 0.5


def test_direction_comes_from_the_map(argument_map):
    argument_map.layout.direction = "LR"
    assert "rankdir=LR" in build_dot(argument_map)


def test_the_legend_names_every_role(argument_map):
    source = build_dot(argument_map, DotOptions(legend=True))
    for name in ("main claim", "reason", "objection", "rebuttal", "support", "attack"):
        assert name in source


def test_the_legends_element_id_is_none_a_statement_can_have():
    argument_map = ArgumentMap(
        statements=[
            Statement(id="legend", text="The founding legend holds"),
            Statement(id="evidence", text="An old chronicle"),
        ],
        relations=[Relation(id="r", kind="support", premises=["evidence"], target="legend")],
    )
    svg = render_map(argument_map, "svg", legend=True).decode("utf-8")
    ids = re.findall(r'<g id="([^"]*)" class="node', svg)
    assert sorted(ids) == ["_legend", "evidence", "legend"]
    assert re.search(r'<g id="legend" class="node[^"]*">\s*<title>legend</title>', svg)


def test_hebrew_map_and_group_titles_are_marked_right_to_left_and_others_left_alone():
    def titled(title: str) -> ArgumentMap:
        return ArgumentMap(
            title=title,
            statements=[Statement(id="a", text="A claim")],
            groups=[Group(id="g", title=title, statements=["a"])],
        )

    hebrew = build_dot(titled("שנות ה-90!\nהאם?"))
    assert hebrew.count('label="\u2067שנות ה-90!\\n\u2067האם?"') == 2
    english = build_dot(titled("The 1990s!"))
    assert english.count('label="The 1990s!"') == 2
    assert "\u2066" not in english
    assert "\u2067" not in english


def test_entities_in_titles_and_tooltips_are_drawn_as_typed():
    import html

    typed = "Tom &amp; Jerry &lt;3 &#169; &euro; & <b>"
    argument_map = ArgumentMap(
        title=typed,
        statements=[
            Statement(id="a", text="A claim", attribution=Attribution(quote=typed)),
            Statement(id="b", text="Plain"),
        ],
        groups=[Group(id="g", title=typed, statements=["a"])],
    )
    svg = svg_of(argument_map)
    drawn = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    assert drawn.count(typed) == 2  # the map's title and the group's
    tooltips = [html.unescape(t) for t in re.findall(r'xlink:title="([^"]*)"', svg)]
    assert f"“{typed}”" in tooltips
    plain = ArgumentMap(title="Tom and Jerry", statements=[Statement(id="a", text="A claim")])
    assert 'label="Tom and Jerry"' in build_dot(plain)


def test_editor_sizes_make_fixed_size_nodes_without_labels(argument_map):
    source = build_dot(argument_map, DotOptions(sizes={"claim": (144.0, 72.0)}))
    node = re.search(r"\n\s*claim \[.*", source).group(0)
    assert "fixedsize=true" in node
    assert 'label=""' in node
    assert re.search(r"\bwidth=2\b", node)
    assert re.search(r"\bheight=1\b", node)


@pytest.mark.parametrize("theme", ["default", "print", "dark"])
def test_every_theme_renders(theme, argument_map):
    source = build_dot(argument_map, DotOptions(theme=get_theme(theme)))
    assert run_graphviz(find_engine(), source, "svg").startswith(b"<?xml")


def test_the_dark_themes_title_and_legend_are_light_on_its_dark_background(argument_map):
    titled = argument_map.model_copy(update={"title": "Dark title"})
    svg = render_map(titled, "svg", theme="dark", legend=True).decode("utf-8")
    ink = get_theme("dark").ink
    title = re.search(r"<text[^>]*>Dark title</text>", svg)
    legend = re.search(r"<text[^>]*> main claim</text>", svg)
    assert title is not None
    assert legend is not None
    assert f'fill="{ink}"' in title.group()
    assert f'fill="{ink}"' in legend.group()


def test_an_unknown_theme_names_the_known_ones():
    with pytest.raises(ValueError, match="default, print, dark"):
        get_theme("neon")


def test_the_common_card_look_is_written_once_as_node_defaults(argument_map):
    source = build_dot(argument_map)
    defaults = re.search(r"\n\s*node \[(.*)\]", source).group(1)
    assert "shape=box" in defaults
    assert 'margin="0.12,0.08"' in defaults
    card = re.search(r"\n\s*credible \[.*", source).group(0)
    assert "shape=" not in card
    assert "margin=" not in card
    assert 'fillcolor="#e3f1dc"' in card


def test_junctions_and_the_legend_do_not_take_the_card_look(argument_map):
    drawn = json.loads(
        run_graphviz(find_engine(), build_dot(argument_map, DotOptions(legend=True)), "json")
    )
    objects = {o["name"]: o for o in drawn["objects"]}
    card, junction, legend = objects["credible"], objects["r-deter"], objects["_legend"]
    assert card["shape"] == "box"
    assert card["style"] == "rounded,filled"
    assert junction["shape"] == "point"
    assert junction.get("style", "") == ""
    assert float(junction.get("penwidth") or 1) == 1
    assert legend["style"] == "rounded"
    assert legend.get("margin", "") == ""
    assert legend.get("fontcolor", "black") == "black"


def test_ids_that_are_dot_keywords_or_numbers_are_quoted_as_needed():
    argument_map = ArgumentMap(
        statements=[Statement(id=i, text=f"about {i}") for i in ("node", "graph", "1.5", "a-b")],
        relations=[
            Relation(id="edge", kind="support", premises=["node", "graph"], target="1.5"),
            Relation(id="strict", kind="attack", premises=["a-b"], target="edge"),
        ],
    )
    source = build_dot(argument_map)
    assert '"node" -> "edge"' in source
    assert "1.5 [" in source
    names = {o["name"] for o in layout(argument_map)["objects"]}
    assert names == {"node", "graph", "1.5", "a-b", "edge"}


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("s12", True),
        ("_claim_2", True),
        ("subgraphs", True),  # longer than any keyword
        ("-1.5", True),
        (".5", True),
        ("Node", False),  # keywords in any case
        ("SUBGRAPH", False),
        ("1a", False),
        ("a-b", False),
        ("é", False),  # letters beyond ASCII are quoted, as the graphviz package does
        ("", False),
    ],
)
def test_a_name_is_bare_only_when_dot_reads_it_as_a_plain_identifier_or_number(text, bare):
    assert dot_id(text) == (text if bare else f'"{text}"')
