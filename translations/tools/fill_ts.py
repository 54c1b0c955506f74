#!/usr/bin/env python3
"""Fills motor_fi.ts (and the plural forms of motor_en.ts) from fi_strings.py.

Run after lupdate:  python3 translations/tools/fill_ts.py
The .ts files are the store of translations: an entry already translated is kept as it
is, and only entries lupdate added (type="unfinished") are filled from fi_strings.py.
Those it does not know are listed and left "unfinished" so they show in English.
"""
import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from fi_strings import EN_PLURAL, FI, FI_PLURAL  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TS_DIR = os.path.dirname(HERE)


def fill(path, singular, plural, language):
    tree = ET.parse(path)
    root = tree.getroot()
    root.set("language", language)
    missing = []
    for message in root.iter("message"):
        source = message.find("source").text or ""
        translation = message.find("translation")
        if translation.get("type") != "unfinished" and (translation.text or len(translation)):
            continue  # translated already: the .ts keeps it
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        if message.get("numerus") == "yes":
            forms = plural.get(source)
            if forms:
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
                translation.attrib.pop("type", None)
            else:
                translation.set("type", "unfinished")
                missing.append(source)
        elif source in singular:
            translation.text = singular[source]
            translation.attrib.pop("type", None)
        else:
            translation.set("type", "unfinished")
            if singular:
                missing.append(source)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    with open(path, "r", encoding="utf-8") as f:
        text = f.read()
    text = text.replace("<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text if text.endswith("\n") else text + "\n")
    return missing


missing = fill(os.path.join(TS_DIR, "motor_fi.ts"), FI, FI_PLURAL, "fi_FI")
fill(os.path.join(TS_DIR, "motor_en.ts"), {}, EN_PLURAL, "en_US")
for m in missing:
    print("untranslated:", m)
sys.exit(1 if missing else 0)
