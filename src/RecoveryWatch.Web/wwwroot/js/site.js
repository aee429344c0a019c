// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // The language switcher submits on change; its button stays for readers without script.
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
    const button = select.form.querySelector("button");
    if (button) button.hidden = true;
  }
  // Bring the error summary of a form into view and focus.
  const summary = document.querySelector(".error-summary[tabindex]");
  if (summary) summary.focus();
});

// Deadlines are shown in the meeting's time zone by the server; add the reader's own time beside them.
document.addEventListener("DOMContentLoaded", () => {
  const lang = document.documentElement.lang || undefined;
  for (const span of document.querySelectorAll(".local-time[data-utc]")) {
    const when = new Date(span.dataset.utc);
    span.textContent = "(" + when.toLocaleString(lang, { dateStyle: "long", timeStyle: "short", timeZoneName: "short" }) + ")";
  }
});
