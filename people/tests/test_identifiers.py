import pytest

from people.identifiers import nhs_number_problem, upn_problem


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("9434765919", None),
        ("943 476 5919", None),
        ("943-476-5919", None),
        ("9990000018", None),
        ("9434765918", "the last digit does not match"),
        ("943476591", "10 digits"),
        ("94347659190", "10 digits"),
        ("94347A5919", "10 digits"),
        ("", "10 digits"),
        # Digits whose check digit would be 10 can never be valid.
        ("1000000016", "the last digit does not match"),
    ],
)
def test_nhs_number(value: str, problem: str | None) -> None:
    result = nhs_number_problem(value)
    if problem is None:
        assert result is None
    else:
        assert result is not None and problem in result


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Y318123424001", None),  # from the DfE-rule validators' clean sample return
        ("M318123424002", None),
        ("y318123424001", None),
        ("A318123424001", "check letter"),
        ("I318123424001", "cannot start with I, O or S"),
        ("Y31812342400", "13 characters"),
        ("YY18123424001", "13 characters"),
    ],
)
def test_upn(value: str, problem: str | None) -> None:
    result = upn_problem(value)
    if problem is None:
        assert result is None
    else:
        assert result is not None and problem in result
