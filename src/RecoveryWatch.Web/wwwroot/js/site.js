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
// Explicit fields, not dateStyle/timeStyle: those may not be combined with timeZoneName (a TypeError that left the
// reader's time out), and the zone's name is what tells the reader which time this is.
document.addEventListener("DOMContentLoaded", () => {
  const lang = document.documentElement.lang || undefined;
  const options = { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" };
  for (const span of document.querySelectorAll(".local-time[data-utc]")) {
    const when = new Date(span.dataset.utc);
    if (Number.isNaN(when.getTime())) continue;
    const text = when.toLocaleString(lang, options);
    const label = span.dataset.label || "{0}";
    span.textContent = "(" + label.replace("{0}", text) + ")";
  }
});

// A link in an error summary moves the focus to the field it names, not only the view (a fragment link scrolls only).
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest(".error-summary a[href^='#']") : null;
  const field = link ? document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1))) : null;
  if (!field || !field.matches("input, select, textarea")) return;
  event.preventDefault();
  field.focus();
  field.scrollIntoView({ block: "center" });
  history.replaceState(null, "", link.getAttribute("href"));
});
