import pytest

from victimcare.auth.passwords import hash_password, password_problem, verify_password


def test_hash_is_argon2_and_verifies():
    hashed = hash_password("Correct-Horse-Battery-42")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "Correct-Horse-Battery-42")
    assert not verify_password(hashed, "correct-horse-battery-42")


def test_no_hash_never_verifies():
    assert not verify_password(None, "anything at all")


@pytest.mark.parametrize("password", ["short", "elevenchars"])
def test_passwords_under_12_characters_are_refused(password):
    assert "12 characters" in password_problem(password)


@pytest.mark.parametrize("password", ["password1234", "qwertyuiop123", "123456789012", "iloveyou1234"])
def test_common_passwords_are_refused(password):
    assert "less common" in password_problem(password)


def test_password_built_from_the_username_is_refused():
    assert password_problem("rhys.morgan2026", user_inputs=("rhys.morgan",)) is not None


def test_a_strong_password_is_accepted():
    assert password_problem("Victim-Care-Demo-2026") is None
