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
