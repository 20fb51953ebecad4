// Event page: point at the evidence behind a field; fill the review form from an "edit" button.
"use strict";
(function () {
  function flash(id) {
    var el = document.getElementById(id);
    if (!el) { return; }
    el.scrollIntoView({block: "center"});
    el.classList.add("focus");
    setTimeout(function () { el.classList.remove("focus"); }, 1600);
  }
  document.querySelectorAll("a.ev-link").forEach(function (a) {
    a.addEventListener("click", function (ev) { ev.preventDefault(); flash(a.dataset.target); });
  });
  var rows = document.querySelectorAll("#fields tr[data-field]");
  rows.forEach(function (row) {
    row.addEventListener("mouseenter", function () {
      document.querySelectorAll("mark.evidence").forEach(function (m) {
        m.classList.toggle("related", (" " + m.dataset.fields + " ").indexOf(" " + row.dataset.field + " ") >= 0);
      });
    });
  });
  var action = document.getElementById("review-action");
  function showInputs() {
    var form = document.getElementById("review-form");
    form.dataset.action = action.value;
  }
  if (action) { action.addEventListener("change", showInputs); showInputs(); }
  // The reviewer's name goes with every decision: the one `serve --reviewer` gave, else asked once
  // per browser and remembered there.
  var KEY = "conflictscope-reviewer";
  function withReviewer(form) {
    var given = document.body.dataset.reviewer || "";
    var name = given;
    if (!name) {
      try { name = window.localStorage.getItem(KEY) || ""; } catch (e) { name = ""; }
    }
    if (!name && window.prompt) {
      name = (window.prompt("Your name, recorded with your review decisions:") || "").trim().slice(0, 100);
      if (name) { try { window.localStorage.setItem(KEY, name); } catch (e) { /* private mode: ask again */ } }
    }
    if (!name) { return; }
    var input = form.querySelector("input[name=who]");
    if (!input) { input = document.createElement("input"); input.type = "hidden"; input.name = "who"; form.appendChild(input); }
    input.value = name;
  }
  document.querySelectorAll("form[method=post]").forEach(function (form) {
    form.addEventListener("submit", function () { withReviewer(form); });
  });
  // Walking the review queue: n next, p previous, a accept (and go on to the next).
  document.addEventListener("keydown", function (ev) {
    if (!document.getElementById("queue-nav") || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || ev.target.isContentEditable) { return; }
    var link = {n: "queue-next", j: "queue-next", p: "queue-prev", k: "queue-prev"}[ev.key];
    if (link && document.getElementById(link)) { ev.preventDefault(); window.location.href = document.getElementById(link).href; }
    if (ev.key === "a" && action) {
      ev.preventDefault(); action.value = "accept"; showInputs();
      var form = document.getElementById("review-form"); withReviewer(form); form.submit();
    }
  });
  document.querySelectorAll("button.edit-field").forEach(function (b) {
    b.addEventListener("click", function () {
      action.value = "edit"; showInputs();
      document.getElementById("review-field").value = b.dataset.field;
      var input = document.getElementById("review-value");
      input.value = b.dataset.value;
      document.getElementById("review").scrollIntoView();
      input.focus(); input.select();
    });
  });
})();
