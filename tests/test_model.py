"""The map model: what a valid map is, and the roles statements play."""

from __future__ import annotations

import json

import pytest
from conftest import small_map
from pydantic import ValidationError

from argmap.errors import Severity
from argmap.files import dumps_map, loads_map
from argmap.model import FORMAT_VERSION, ArgumentMap, Attribution, Position, Relation, Statement
from argmap.problems import errors_only, find_cycles, find_errors, find_problems
from argmap.roles import Role, is_undercut


def build(statements: list[tuple[str, str]], relations: list[tuple]) -> ArgumentMap:
    return ArgumentMap(
        statements=[Statement(id=i, text=t) for i, t in statements],
        relations=[Relation(id=i, kind=k, premises=p, target=t) for i, k, p, t in relations],
    )


def errors_of(data: dict) -> str:
    with pytest.raises(ValidationError) as caught:
        ArgumentMap.model_validate(data)
    return str(caught.value)


def test_a_map_holds_statements_relations_sources_and_groups(argument_map):
    assert [s.id for s in argument_map.statements][:2] == ["claim", "deterrence"]
    assert argument_map.relation("r-deter").premises == ["deterrence", "credible"]
    assert argument_map.source("op-ed").author == "Nimrod Goren"
    assert argument_map.groups[0].statements == ["freedom", "narrow"]


def test_statement_text_may_be_hebrew_arabic_and_multiline():
    statement = Statement(id="s", text='שלום\nسلام "<x>" {y}')
    assert statement.text.splitlines() == ["שלום", 'سلام "<x>" {y}']


def test_defaults_are_undecided_and_bottom_to_top():
    argument_map = ArgumentMap(statements=[Statement(id="a", text="A")])
    assert argument_map.statements[0].acceptance == "undecided"
    assert argument_map.layout.direction == "BT"
    assert argument_map.format == "argmap"
    assert argument_map.version == FORMAT_VERSION


def test_a_map_using_no_version_2_key_is_written_as_version_1_for_older_readers():
    argument_map = ArgumentMap(statements=[Statement(id="a", text="A")])
    assert json.loads(dumps_map(argument_map))["version"] == 1


def test_a_version_1_file_reads_as_the_current_version():
    argument_map = loads_map('{"format": "argmap", "version": 1}')
    assert argument_map.version == FORMAT_VERSION


def test_unknown_keys_are_errors_so_typos_surface():
    message = errors_of({"statements": [{"id": "a", "txt": "A"}]})
    assert "txt" in message


def test_duplicate_ids_are_errors():
    message = errors_of({"statements": [{"id": "a", "text": "A"}, {"id": "a", "text": "B"}]})
    assert "statements[1].id" in message
    assert "already used" in message


def test_statement_and_relation_ids_share_one_namespace():
    message = errors_of(
        {
            "statements": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
            "relations": [{"id": "a", "kind": "support", "premises": ["b"], "target": "a"}],
        }
    )
    assert "relations[0].id" in message


def test_a_duplicate_id_names_where_it_was_first_used():
    message = errors_of(
        {
            "statements": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
            "relations": [
                {"id": "r", "kind": "support", "premises": ["b"], "target": "a"},
                {"id": "b", "kind": "support", "premises": ["a"], "target": "r"},
                {"id": "r", "kind": "attack", "premises": ["a"], "target": "b"},
            ],
        }
    )
    assert "relations[1].id: relation id 'b' is already used at statements[1].id" in message
    assert "relations[2].id: relation id 'r' is already used at relations[0].id" in message


def test_a_premise_listed_twice_or_naming_a_relation_is_an_error():
    message = errors_of(
        {
            "statements": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
            "relations": [
                {"id": "r", "kind": "support", "premises": ["b"], "target": "a"},
                {"id": "s", "kind": "support", "premises": ["b", "r", "b"], "target": "a"},
            ],
        }
    )
    assert "relations[1].premises[1]: premise 'r' is a relation" in message
    assert "relations[1].premises[2]: statement 'b' is listed twice as a premise" in message
    assert "relations[0]" not in message


def test_an_unknown_source_on_an_arrow_is_an_error():
    message = errors_of(
        {
            "statements": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
            "relations": [
                {
                    "id": "r",
                    "kind": "support",
                    "premises": ["b"],
                    "target": "a",
                    "attribution": {"source": "nyt"},
                }
            ],
        }
    )
    assert "relations[0].attribution.source: unknown source 'nyt'" in message


def test_a_relation_pointing_at_an_unknown_id_is_an_error():
    message = errors_of(
        {
            "statements": [{"id": "a", "text": "A"}],
            "relations": [{"id": "r", "kind": "support", "premises": ["a"], "target": "nowhere"}],
        }
    )
    assert "relations[0].target" in message
    assert "nowhere" in message


def test_an_unknown_premise_is_an_error():
    message = errors_of(
        {
            "statements": [{"id": "a", "text": "A"}],
            "relations": [{"id": "r", "kind": "support", "premises": ["ghost"], "target": "a"}],
        }
    )
    assert "relations[0].premises[0]" in message


def test_a_statement_cannot_relate_to_itself():
    message = errors_of(
        {
            "statements": [{"id": "a", "text": "A"}],
            "relations": [{"id": "r", "kind": "attack", "premises": ["a"], "target": "a"}],
        }
    )
    assert "itself" in message


def test_a_relation_cannot_target_itself():
    message = errors_of(
        {
            "statements": [{"id": "a", "text": "A"}],
            "relations": [{"id": "r", "kind": "attack", "premises": ["a"], "target": "r"}],
        }
    )
    assert "itself" in message


def test_the_premise_list_cannot_be_empty():
    message = errors_of(
        {
            "statements": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
            "relations": [{"id": "r", "kind": "support", "premises": [], "target": "a"}],
        }
    )
    assert "premises" in message
    assert "at least 1" in message


def test_an_unknown_source_is_an_error():
    message = errors_of(
        {"statements": [{"id": "a", "text": "A", "attribution": {"source": "nyt"}}]}
    )
    assert "statements[0].attribution.source" in message
    assert "nyt" in message


def test_a_statement_belongs_to_one_group_at_most():
    message = errors_of(
        {
            "statements": [{"id": "a", "text": "A"}],
            "groups": [
                {"id": "g", "title": "G", "statements": ["a"]},
                {"id": "h", "title": "H", "statements": ["a"]},
            ],
        }
    )
    assert "groups[1].statements[0]" in message


def test_positions_must_name_statements():
    message = errors_of(
        {"statements": [{"id": "a", "text": "A"}], "layout": {"positions": {"b": {"x": 1, "y": 2}}}}
    )
    assert "layout.positions.b" in message


def test_control_characters_are_rejected_with_their_position():
    message = errors_of({"statements": [{"id": "a", "text": "bell\x07"}]})
    assert "U+0007" in message
    assert "position 4" in message


def test_a_source_texts_line_breaks_are_read_as_line_feeds():
    data = {"sources": [{"id": "s", "title": "S", "text": "One.\r\nTwo.\rThree.\n"}]}
    assert ArgumentMap.model_validate(data).sources[0].text == "One.\nTwo.\nThree.\n"


def test_ids_are_short_slugs():
    message = errors_of({"statements": [{"id": "has space", "text": "A"}]})
    assert "statements.0.id" in message or "pattern" in message


def test_a_newer_format_version_asks_for_an_update():
    message = errors_of({"version": FORMAT_VERSION + 1})
    assert "newer" in message


def test_timestamps_must_be_iso_8601():
    message = errors_of({"created": "last tuesday"})
    assert "ISO 8601" in message
    assert (
        ArgumentMap(created="2024-05-01", modified="2024-05-01T10:00:00Z").created == "2024-05-01"
    )


def test_roles_follow_from_relations(argument_map):
    roles = argument_map.roles()
    assert roles["claim"] is Role.MAIN_CLAIM
    assert roles["deterrence"] is Role.REASON
    assert roles["credible"] is Role.REASON
    assert roles["freedom"] is Role.OBJECTION
    assert roles["narrow"] is Role.REBUTTAL
    assert roles["gimmick"] is Role.OBJECTION  # undercuts a reason's inference


def test_role_lists_and_speakers(argument_map):
    assert [s.id for s in argument_map.main_claims()] == ["claim"]
    assert [s.id for s in argument_map.reasons()] == ["deterrence", "credible"]
    assert [s.id for s in argument_map.objections()] == ["freedom", "gimmick"]
    assert [s.id for s in argument_map.rebuttals()] == ["narrow"]
    assert argument_map.speakers() == ["Shimon Peres", "Yitzhak Rabin"]


def test_an_attack_on_an_objections_inference_is_a_rebuttal():
    m = build(
        [("c", "C"), ("o", "O"), ("u", "U")],
        [("r1", "attack", ["o"], "c"), ("r2", "attack", ["u"], "r1")],
    )
    assert m.roles()["u"] is Role.REBUTTAL
    assert is_undercut(m, m.relation("r2"))
    assert not is_undercut(m, m.relation("r1"))


def test_an_undercut_of_a_rebuttals_inference_is_an_objection_again():
    m = build(
        [("c", "C"), ("o", "O"), ("r", "R"), ("u", "U")],
        [
            ("r1", "attack", ["o"], "c"),
            ("r2", "attack", ["r"], "o"),
            ("r3", "attack", ["u"], "r2"),
        ],
    )
    assert m.roles()["r"] is Role.REBUTTAL
    assert m.roles()["u"] is Role.OBJECTION


def test_an_undercut_chain_is_walked_without_recursion():
    n = 3000
    statements = [("c", "C")] + [(f"s{i}", "x") for i in range(n)]
    relations = [("r0", "support", ["s0"], "c")]
    relations += [(f"r{i}", "attack", [f"s{i}"], f"r{i - 1}") for i in range(1, n)]
    roles = build(statements, relations).roles()
    assert roles["s0"] is Role.REASON
    assert roles["s1"] is Role.OBJECTION
    assert roles["s2"] is Role.REBUTTAL
    assert roles["s3"] is Role.OBJECTION


def test_attacks_alternate_objection_and_rebuttal_down_a_long_chain():
    n = 3000  # deeper than Python's recursion limit
    m = build(
        [(f"s{i}", "x") for i in range(n)],
        [(f"r{i}", "attack", [f"s{i + 1}"], f"s{i}") for i in range(n - 1)],
    )
    roles = m.roles()
    assert roles["s0"] is Role.MAIN_CLAIM
    assert roles["s1"] is Role.OBJECTION
    assert roles["s2"] is Role.REBUTTAL
    assert roles[f"s{n - 1}"] is (Role.OBJECTION if (n - 1) % 2 else Role.REBUTTAL)


def test_cycles_are_allowed_but_reported_as_warnings():
    m = build(
        [("a", "A"), ("b", "B"), ("c", "C")],
        [
            ("r1", "support", ["a"], "b"),
            ("r2", "support", ["b"], "c"),
            ("r3", "attack", ["c"], "a"),
        ],
    )
    assert find_cycles(m) == [["a", "b", "c"]]
    warnings = [p for p in find_problems(m) if p.severity is Severity.WARNING]
    assert len(warnings) == 1
    assert "a -> b -> c -> a" in warnings[0].message
    assert set(m.roles().values()) <= set(Role)


def test_the_errors_that_stop_a_load_are_found_without_the_warnings():
    m = build(
        [("a", "A"), ("b", "B")],
        [("r1", "support", ["a"], "b"), ("r2", "attack", ["b"], "a")],
    )
    assert [p.severity for p in find_problems(m)] == [Severity.WARNING]  # the circle
    assert find_errors(m) == []
    broken = m.model_copy(update={"relations": [*m.relations, m.relations[0]]})
    assert find_errors(broken) == errors_only(find_problems(broken))
    assert len(find_errors(broken)) == 1  # r1 twice


def test_a_small_map_has_no_problems():
    assert find_problems(small_map()) == []


def test_a_long_chain_of_undercuts_is_checked_in_linear_time():
    n = 20_000
    statements = [("c", "C")] + [(f"s{i}", "x") for i in range(n)]
    relations = [("r0", "support", ["s0"], "c")]
    relations += [(f"r{i}", "attack", [f"s{i}"], f"r{i - 1}") for i in range(1, n)]
    m = build(statements, relations)
    assert find_cycles(m) == []  # quadratic, this took minutes


@pytest.mark.parametrize(
    ("element", "field", "value"),
    [
        (Statement(id="a", text="A"), "text", "B"),
        (Relation(id="r", kind="support", premises=["a"], target="b"), "target", "c"),
        (Attribution(speaker="Rabin"), "speaker", "Peres"),
        (Position(x=1, y=2), "x", 3.0),
    ],
)
def test_elements_shared_with_the_layout_worker_cannot_be_changed_in_place(element, field, value):
    with pytest.raises(ValidationError, match="frozen"):
        setattr(element, field, value)
