from csc.testing import Personas


def test_personas_build(personas: Personas) -> None:
    assert personas.child.pk
    assert personas.restricted_child.is_restricted
