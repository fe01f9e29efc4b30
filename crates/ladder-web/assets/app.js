// Progressive enhancements only: every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Admin upload: show the chosen file's text in the paste box before sending.
  const file = document.getElementById("ladder-file");
  const text = document.getElementById("ladder-text");
  if (file && text) {
    file.addEventListener("change", () => {
      const f = file.files && file.files[0];
      if (f) f.text().then((t) => { text.value = t; });
    });
  }
  // Assessment form: describe the chosen level under the choice, in the
  // ladder's words (copied from the level list, so nothing is re-typed here).
  for (const select of document.querySelectorAll("select[data-words]")) {
    const words = document.getElementById(select.dataset.words);
    const list = document.getElementById(select.dataset.levels);
    if (!words || !list) continue;
    select.addEventListener("change", () => {
      words.replaceChildren();
      const dt = list.querySelector(`dt[data-level="${select.value}"]`);
      const dd = list.querySelector(`dd[data-level="${select.value}"]`);
      if (!dt || !dd) return;
      const name = document.createElement("strong");
      name.textContent = dt.textContent.replace(/^\d+ – /, "");
      const body = dd.cloneNode(true);
      const first = body.querySelector("p");
      if (first) first.prepend(name, ": ");
      words.append(...body.childNodes);
    });
  }
  // Submitting an assessment freezes it: ask once.
  const form = document.getElementById("assessment-form");
  if (form) {
    form.addEventListener("submit", (e) => {
      const b = e.submitter;
      if (b && b.value === "submit" && !window.confirm("Submit? A submitted assessment cannot be changed.")) {
        e.preventDefault();
      }
    });
  }
});
