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
