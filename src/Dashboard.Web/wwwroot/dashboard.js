// The dashboard's only script: the browser's time zone, copying to the clipboard, the last visit to /changes, the
// manual refresh's POST (sent by the browser, so it carries the person's sign-in and the page's antiforgery token), and
// keeping a click on a pull's name in a table from following the link.
window.dashboard = {
  timeZone: function () {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch (e) { return null; }
  },
  copy: async function (text) {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch (e) { /* fall back below */ }
    // Plain http on an internal host has no clipboard API: the old way still works on a click.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  },
  // The previous visit to /changes (an ISO time, or null), then this one remembered. The previous visit is kept for
  // the browser tab's session, so following "since my last visit" does not move it to now.
  changesVisit: function (now) {
    try {
      var previous = sessionStorage.getItem("dashboard.changes.previousVisit");
      if (previous === null) {
        previous = localStorage.getItem("dashboard.changes.lastVisit") || "";
        sessionStorage.setItem("dashboard.changes.previousVisit", previous);
      }
      localStorage.setItem("dashboard.changes.lastVisit", now);
      return previous || null;
    } catch (e) { return null; }
  },
  // POST to one of the dashboard's own endpoints; the status and body text, or status 0 when nothing came back.
  post: async function (url, token) {
    if (typeof url !== "string" || url.charAt(0) !== "/" || url.charAt(1) === "/") { return { status: 0, body: null }; }
    try {
      var response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "RequestVerificationToken": token || "", "Accept": "application/json" }
      });
      return { status: response.status, body: await response.text() };
    } catch (e) { return { status: 0, body: null }; }
  }
};

// A pull's name in a provider's table is a real link (new tab, copy address), drawn inside the row's markup block; a
// plain click on it selects the row through the row's own handler, so the browser must not also follow it.
document.addEventListener("click", function (e) {
  if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) { return; }
  if (e.target instanceof Element && e.target.closest("a.pull-link")) { e.preventDefault(); }
}, true);
