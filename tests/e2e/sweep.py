"""The accessibility sweep of one persona's pages (WCAG 2.1 AA), shared by the browser tests."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

PHONE_WIDTH = 360

# Roles of the accessibility tree that a person fills in, picks or presses.
CONTROL_ROLES = {
    "button",
    "checkbox",
    "combobox",
    "listbox",
    "menuitemcheckbox",
    "menuitemradio",
    "radio",
    "searchbox",
    "slider",
    "spinbutton",
    "switch",
    "textbox",
}

_axe = Axe()


class Sweep:
    """Checks pages of one persona and keeps every problem found, page by page."""

    def __init__(self, page: Page, device: str) -> None:
        self.page = page
        self.device = device
        self.problems: list[str] = []
        self.checked: list[str] = []

    def check(self, label: str) -> None:
        page = self.page
        page.wait_for_load_state()
        where = f"[{self.device}] {label} ({page.url})"
        self.checked.append(label)
        found: list[str] = []

        for violation in _axe.run(page).response["violations"]:
            if violation["impact"] not in {"serious", "critical"}:
                continue
            found.append(
                f"axe {violation['id']} ({violation['impact']}): {violation['help']}"
                + "".join(
                    f"\n      {node['target']}: {' '.join(node.get('failureSummary', '').split())}"
                    for node in violation["nodes"]
                )
            )

        if self.device == "phone":
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE_WIDTH:
                wide = page.evaluate(_WIDE_ELEMENTS, PHONE_WIDTH)
                found.append(f"scrolls sideways: {width}px wide; widest: {wide}")

        h1 = page.locator("h1").count()
        if h1 != 1:
            found.append(f"{h1} <h1> elements, expected exactly one")
        if page.locator("main").count() != 1:
            found.append("no single <main> landmark")

        found.extend(f"control without an accessible name: {c}" for c in _unnamed(page))
        found.extend(f"field without a label: {c}" for c in page.evaluate(_UNLABELLED_FIELDS))
        found.extend(f"field edge below 3:1 (1.4.11): {c}" for c in page.evaluate(_FAINT_EDGES))
        self.problems.extend(f"{where}: {p}" for p in found)

    def check_focus(self, label: str, *, limit: int = 80) -> None:
        """Tab through the page: every stop must show a clear focus outline (WCAG 2.4.7)."""
        page = self.page
        page.locator("body").focus()
        seen: set[str] = set()
        for _ in range(limit):
            page.keyboard.press("Tab")
            stop = page.evaluate(_FOCUS_STOP)
            if stop is None or stop["key"] in seen:
                break
            seen.add(stop["key"])
            if not stop["visible"]:
                self.problems.append(
                    f"[{self.device}] {label} ({page.url}): no visible focus on {stop['key']}"
                )
        assert len(seen) > 3, f"{label}: the keyboard reached only {len(seen)} elements"

    def assert_clean(self) -> None:
        assert self.problems == [], (
            f"{len(self.problems)} accessibility problem(s) on {len(self.checked)} pages:\n"
            + "\n".join(self.problems)
        )


_WIDE_ELEMENTS = r"""(limit) => Array.from(document.querySelectorAll('body *'))
  .filter((el) => el.getBoundingClientRect().right > limit)
  .slice(0, 5)
  .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
       + (typeof el.className === 'string' && el.className
          ? '.' + el.className.trim().split(/\s+/).join('.') : '')
       + ' ' + Math.round(el.getBoundingClientRect().right) + 'px')"""


# Visible fields named by nothing an author wrote (a browser's default name for a file input,
# "No file chosen", does not say what the file is for).
_UNLABELLED_FIELDS = r"""() => Array.from(document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])'
    + ':not([type=image]), select, textarea'))
  .filter((el) => el.checkVisibility())
  .filter((el) => {
    const text = (node) => (node ? node.textContent.trim() : '');
    if (Array.from(el.labels || []).some((label) => text(label))) return false;
    if ((el.getAttribute('aria-label') || '').trim()) return false;
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    if (ids.some((id) => text(document.getElementById(id)))) return false;
    return !(el.getAttribute('title') || '').trim();
  })
  .map((el) => el.outerHTML.split('>')[0] + '>')"""


# Fields whose edge (border) has less than 3:1 against what is behind them.
_FAINT_EDGES = r"""() => {
  const parse = (c) => (c.match(/[\d.]+/g) || ['0', '0', '0', '0']).map(Number);
  const behind = (el) => {
    for (let e = el.parentElement; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  return Array.from(document.querySelectorAll(
      'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=image])'
      + ':not([type=reset]):not([type=range]):not([type=color]), select, textarea'))
    .filter((el) => el.checkVisibility() && el !== document.activeElement)
    .map((el) => {
      const cs = getComputedStyle(el);
      if (cs.borderTopStyle === 'none' || parseFloat(cs.borderTopWidth) === 0) return null;
      const back = behind(el);
      const edge = parse(cs.borderTopColor);
      const alpha = edge.length > 3 ? edge[3] : 1;
      const mixed = edge.slice(0, 3).map((v, i) => v * alpha + back[i] * (1 - alpha));
      const [hi, lo] = [lum(mixed), lum(back)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      return ratio < 3 ? `${el.outerHTML.split('>')[0]}> ${ratio.toFixed(2)}:1` : null;
    })
    .filter(Boolean);
}"""

# The element that has the keyboard focus, and whether it shows an outline of 2px or more
# (site.css draws 3px; Bootstrap's own focus style is only a faint glow).
_FOCUS_STOP = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const cs = getComputedStyle(el);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
  const key = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.name ? '[name=' + el.name + ']' : '')
    + (el.getAttribute('href') ? '[href=' + el.getAttribute('href') + ']' : '')
    + (el.value && el.tagName === 'BUTTON' ? '[value=' + el.value + ']' : '')
    + ' ' + (el.textContent || '').trim().slice(0, 30);
  return {key, visible: outline};
}"""


def _unnamed(page: Page) -> list[str]:
    """Visible controls whose computed accessible name is empty (Chromium's own tree)."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
        missing = []
        for node in nodes:
            if node.get("ignored"):
                continue
            role = node.get("role", {}).get("value")
            if role not in CONTROL_ROLES:
                continue
            if str(node.get("name", {}).get("value", "")).strip():
                continue
            described = cdp.send("DOM.describeNode", {"backendNodeId": node["backendDOMNodeId"]})
            attrs = described["node"].get("attributes", [])
            pairs = dict(zip(attrs[::2], attrs[1::2], strict=True))
            shown = " ".join(f'{k}="{v}"' for k, v in pairs.items() if k in {"id", "name", "type"})
            missing.append(f"{role} <{described['node']['nodeName'].lower()} {shown}>")
        return missing
    finally:
        cdp.detach()
