// The dashboard's only script: the browser's time zone, copying to the clipboard, the last visit to /changes, the
// manual refresh's POST (sent by the browser, so it carries the person's sign-in and the page's antiforgery token),
// keeping a click on a pull's name in a table from following the link, and the timeline rows' shared events.
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
// plain click on it selects the row through the table's handler, so the browser must not also follow it.
document.addEventListener("click", function (e) {
  if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) { return; }
  if (e.target instanceof Element && e.target.closest("a.pull-link")) { e.preventDefault(); }
}, true);

// The timeline's rows share one handler of each kind on the chart (Components/Timeline/EventHandlers.cs): each
// event carries the row's key. Registered before the circuit's first render, as custom event types must be. The
// pointer's row is followed here, so moving within a row sends nothing and entering another sends one event.
(function () {
  if (!window.Blazor || typeof window.Blazor.registerCustomEventType !== "function") { return; }
  function rowOf(e) { return e.target instanceof Element ? e.target.closest("svg.timeline-svg [data-key]") : null; }
  function args(e) {
    var row = rowOf(e);
    return { key: row ? row.getAttribute("data-key") : null, keyName: e.key || null, code: e.code || null };
  }
  window.Blazor.registerCustomEventType("timelinerowclick", { browserEventName: "click", createEventArgs: args });
  window.Blazor.registerCustomEventType("timelinerowkeydown", { browserEventName: "keydown", createEventArgs: args });
  window.Blazor.registerCustomEventType("timelinerowfocus", { browserEventName: "focusin", createEventArgs: args });
  window.Blazor.registerCustomEventType("timelinerowhover", { browserEventName: "dashboardtimelinerowhover", createEventArgs: args });
  // A provider's resource table: one click handler on its body (Components/Pages/Users/EventHandlers.cs), told the
  // row and the control clicked in it (its data-action: the copy button's "copy-trace").
  window.Blazor.registerCustomEventType("resourcerowclick", {
    browserEventName: "click",
    createEventArgs: function (e) {
      var target = e.target instanceof Element ? e.target : null;
      var row = target ? target.closest("table tbody tr[data-key]") : null;
      var control = target && row ? target.closest("[data-action]") : null;
      return {
        key: row ? row.getAttribute("data-key") : null,
        action: control && row.contains(control) ? control.getAttribute("data-action") : null
      };
    }
  });
  // The team grid: one click handler on its body (Components/Pages/Team/EventHandlers.cs), told the row's user, the
  // control clicked in it (its data-action, the copy button's "copy-user"; "control" for another link or button,
  // which does its own thing) and the click count (0 when a key pressed a button).
  window.Blazor.registerCustomEventType("teamrowclick", {
    browserEventName: "click",
    createEventArgs: function (e) {
      var target = e.target instanceof Element ? e.target : null;
      var row = target ? target.closest("tbody tr") : null;
      var user = row ? row.querySelector("[data-user-id]") : null;
      var control = target && row ? target.closest("[data-action], a, button, input, label") : null;
      control = control && row.contains(control) ? control : null;
      return {
        userId: user ? user.getAttribute("data-user-id") : null,
        action: control ? (control.getAttribute("data-action") || "control") : null,
        detail: e.detail
      };
    }
  });
  var hovered = null;
  document.addEventListener("mouseover", function (e) {
    var row = rowOf(e);
    if (row === hovered) { return; }
    hovered = row;
    if (row) { row.dispatchEvent(new CustomEvent("dashboardtimelinerowhover", { bubbles: true })); }
  });
})();
