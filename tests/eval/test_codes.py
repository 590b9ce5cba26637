from dyads.eval import codes


def test_plover_labels_map_to_2021_types():
    assert codes.plover_label("DEMAND") == "REQUEST"
    assert codes.plover_label("INVESTIGATE") == "ACCUSE"
    assert codes.plover_label("AGREE") == "AGREE"
    assert codes.plover_label(None) is None


def test_old_country_codes_normalise():
    assert codes.country("JAP") == "JPN"
    assert codes.country("UNO") == "UN"
    assert codes.country("") is None


def test_sectors_strip_suffixes_and_map_aliases():
    assert codes.sector("CVLalb") == "CVL"
    assert codes.sector("CIV") == "CVL"
    assert codes.sector("REBMOS") == "REB"
    assert codes.sector("UNK") is None
    assert codes.sector("***") == codes.UNSCORED


def test_transnational_codes_match_by_sector_or_non_iso_country():
    assert codes.country_matches("IGO", "UN", "IGO")
    assert codes.country_matches("IGO", "NATO", None)
    assert not codes.country_matches("IGO", "FRA", "GOV")
    assert codes.country_matches("JAP", "JPN", None)
    assert codes.country_matches("", None, "MIL")
    assert not codes.country_matches("", "USA", None)


def test_sector_matches_reports_unscored():
    assert codes.sector_matches("GOV", "GOV") is True
    assert codes.sector_matches("UNK", None) is True
    assert codes.sector_matches("***", "GOV") is None
