"""Opens the interactive page in headless Chromium (Debian's chromium and chromedriver),
moves the year slider and the reading, and checks what the page shows against the library's
own answers; clicks a relation and checks the quote shown; saves a screenshot.

Usage: browser.py PAGE EXPECTATIONS.json SCREENSHOT.png
EXPECTATIONS: {"years": {"2005": {"known": [ids], "possible": [ids]}, ...},
               "click": {"id": relation id, "quote": text}}
Prints "ok" and exits 0 when everything matches; raises otherwise.
"""

import json
import pathlib
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By


def main():
    page, expectations, screenshot = sys.argv[1], sys.argv[2], sys.argv[3]
    expect = json.loads(pathlib.Path(expectations).read_text())
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
    ]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        driver.get(pathlib.Path(page).resolve().as_uri())
        slider = driver.find_element(By.ID, "year")
        reading = driver.find_element(By.ID, "reading")
        for year, readings in sorted(expect["years"].items()):
            for name, ids in sorted(readings.items()):
                # Move the controls as a user would: set them, then fire their events.
                driver.execute_script(
                    "arguments[0].value = arguments[1];"
                    "arguments[0].dispatchEvent(new Event('input'));"
                    "arguments[2].value = arguments[3];"
                    "arguments[2].dispatchEvent(new Event('change'));",
                    slider, year, reading, name,
                )
                shown = driver.find_element(By.ID, "year-shown").text
                assert shown == year, f"slider shows {shown}, not {year}"
                visible = [
                    e.get_attribute("data-id")
                    for e in driver.find_elements(By.CSS_SELECTOR, "line.relation.shown")
                ]
                assert sorted(visible) == sorted(ids), (
                    f"{year} {name}: page shows {sorted(visible)}, library says {sorted(ids)}"
                )
        click = expect["click"]
        hit = driver.find_element(By.CSS_SELECTOR, f'line.hit.shown[data-id="{click["id"]}"]')
        # A point of the line that nothing else covers, in viewport coordinates.
        point = driver.execute_script(
            "const line = arguments[0]; line.scrollIntoView({block: 'center', inline: 'center'});"
            "const m = line.getScreenCTM(), svg = line.ownerSVGElement;"
            "const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map(a => Number(line.getAttribute(a)));"
            "for (let t = 0.1; t < 0.95; t += 0.05) {"
            "  const p = svg.createSVGPoint(); p.x = x1 + (x2 - x1) * t; p.y = y1 + (y2 - y1) * t;"
            "  const q = p.matrixTransform(m);"
            "  const x = Math.round(q.x), y = Math.round(q.y);"
            "  if (document.elementFromPoint(x, y) === line) return [x, y];"
            "}"
            "return null;",
            hit,
        )
        assert point, f"no free point on {click['id']}"
        actions = ActionBuilder(driver)
        actions.pointer_action.move_to_location(point[0], point[1])
        actions.pointer_action.click()
        actions.perform()
        text = driver.find_element(By.ID, "info").text
        assert click["quote"] in text, f"clicked {click['id']}, panel shows {text!r}"
        driver.save_screenshot(screenshot)
    finally:
        driver.quit()
    print("ok")


if __name__ == "__main__":
    main()
