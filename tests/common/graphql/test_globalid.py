"""Global ids (`Node.nodeId`): what a client sends back is checked, never trusted to parse."""

from __future__ import annotations

import pytest

from common.errors import BadUserInput
from common.graphql.globalid import MAX_GLOBAL_ID_LENGTH, from_global_id, to_global_id


def test_a_global_id_names_its_type_and_id() -> None:
    assert from_global_id(to_global_id("Goal", "66a1")) == ("Goal", "66a1")


@pytest.mark.parametrize(
    "sent",
    [
        "\u0080",  # outside ASCII: base64 cannot even be read
        "not base64!",
        "//79",  # base64 of bytes that are not UTF-8
        "R29hbA==",  # "Goal": no separator
        "OmlkCg==",  # ":id": no type
        "x" * (MAX_GLOBAL_ID_LENGTH + 1),
    ],
)
def test_anything_else_is_bad_input_naming_the_field(sent: str) -> None:
    with pytest.raises(BadUserInput) as refused:
        from_global_id(sent, field="ids")
    assert refused.value.field == "ids"
