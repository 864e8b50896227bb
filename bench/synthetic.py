"""Synthetic but realistic campaign data for the benchmark: events and plain pages."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import yaml

TOPICS = [
    ("Atelier « facturation électronique »", "Workshop „Elektronische Rechnung“"),
    ("Matinée « sécurité informatique »", "Frühstück „IT-Sicherheit“"),
    ("Atelier « vendre en ligne »", "Workshop „Online verkaufen“"),
    ("Rencontre « réseaux sociaux pour l'artisanat »", "Treffen „Soziale Netzwerke im Handwerk“"),
    ("Séance « données et RGPD »", "Sitzung „Daten und DSGVO“"),
]
PLACES = [("Chambre des Métiers", "2, Circuit de la Foire internationale, L-1347 Luxembourg"),
          ("Chambre de Commerce", "7, rue Alcide de Gasperi, L-2981 Luxembourg")]
FR = ("Des chefs d'entreprise et des experts partagent leur expérience : outils simples, "
      "erreurs à éviter, premières étapes. Échanges en français et en allemand, café compris.")
DE = ("Unternehmer und Fachleute teilen ihre Erfahrungen: einfache Werkzeuge, typische Fehler, "
      "erste Schritte. Austausch auf Französisch und Deutsch, Kaffee inklusive.")


def events(count: int, seed: int = 2018) -> list[dict]:
    rng = random.Random(seed)
    items = []
    for number in range(count):
        fr, de = TOPICS[number % len(TOPICS)]
        day = date(2018, 1, 8) + timedelta(days=number % 900)
        item = {
            "id": f"session-{number:04d}",
            "title": {"fr": f"{fr} n° {number}", "de": f"{de} Nr. {number}"},
            "description": {"fr": FR, "de": DE},
            "organizer": {"name": {"fr": "Chambre des Métiers", "de": "Handwerkskammer"}, "url": "https://www.cdm.lu"},
            "languages": ["fr", "de"],
            "status": rng.choice(["confirmed"] * 8 + ["tentative", "cancelled"]),
            "updated": "2018-01-05T09:30",
        }
        if rng.random() < 0.5:
            item.update(start=day.isoformat(), end=day.isoformat())
        else:
            hour = rng.choice([8, 9, 14, 18])
            item.update(start=f"{day.isoformat()}T{hour:02d}:00", end=f"{day.isoformat()}T{hour + 2:02d}:30")
            name, address = PLACES[number % len(PLACES)]
            item["location"] = {"name": name, "address": address, "latitude": 49.63, "longitude": 6.17}
        if rng.random() < 0.6:
            item["registration"] = f"https://www.cdm.lu/inscription/{number}"
        items.append(item)
    return items


def events_yaml(count: int) -> str:
    return yaml.safe_dump({"events": events(count)}, allow_unicode=True, sort_keys=False, width=100)


def page(event: dict, lang: str) -> str:
    """A hand-written page with the same facts an event page shows."""
    title, text = event["title"][lang], event["description"][lang]
    when = event["start"].replace("T", " ")
    facts = (("Date", "Lieu", "Organisateur", "Inscription") if lang == "fr"
             else ("Datum", "Ort", "Veranstalter", "Anmeldung"))
    place = event.get("location", {}).get("name", "à préciser" if lang == "fr" else "wird bekannt gegeben")
    # JSON strings are YAML scalars; yaml.safe_dump of a bare string adds a "..." end line.
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
            f"description: {json.dumps(text[:150], ensure_ascii=False)}\n---\n\n"
            f"# {title}\n\n{text}\n\n"
            f"- **{facts[0]}** : {when}\n- **{facts[1]}** : {place}\n"
            f"- **{facts[2]}** : [Chambre des Métiers](https://www.cdm.lu)\n"
            f"- **{facts[3]}** : [www.godigital.lu](https://www.godigital.lu)\n")
