"""Gender evidence from first names (nomquamgender's data): decisive names only."""

from kora_quotes.resolution.names import first_name_gender, is_given_name


def test_decisive_names_give_a_gender():
    assert first_name_gender("John") == "male"
    assert first_name_gender("Hillary") == "female"
    assert first_name_gender("Mary") == "female"


def test_ambiguous_unknown_and_initials_give_none():
    assert first_name_gender("Yang") is None  # held by women and men alike
    assert first_name_gender("Zzyzxq") is None
    assert first_name_gender("J.") is None
    assert first_name_gender("") is None


def test_given_names():
    assert is_given_name("Chris")
    assert not is_given_name("Tokyo")
    assert not is_given_name("chris")  # a name is capitalised
