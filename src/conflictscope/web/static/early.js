// Start fetching the map's data before Leaflet loads, so the two overlap.
"use strict";
window.conflictscopeData = fetch("/map.json" + window.location.search, {credentials: "same-origin"})
  .then(function (r) {
    if (r.ok) { return r.json(); }
    // the server's own message ({"error": {"message"}}) says what is wrong and how to fix it
    return r.json().catch(function () { return {}; }).then(function (body) {
      throw new Error((body.error && body.error.message) || ("the server answered HTTP " + r.status));
    });
  });
// map.js shows the failure once it loads; until then the rejection is not an uncaught error
window.conflictscopeData.catch(function () {});
// The base map drawn before the events: world countries and the first-level boundary layers the
// page lists ({name, level}); map.js fetches finer boundaries and rivers once the events are drawn.
window.conflictscopeBase = (function () {
  var layers = JSON.parse(document.getElementById("basemap-layers").textContent)
    .filter(function (l) { return l.level <= 1; });
  function fetchLayer(name) {
    return fetch("/basemap/" + name + ".geojson").then(function (r) { return r.json(); });
  }
  return Promise.all([fetchLayer("countries")].concat(layers.map(function (l) { return fetchLayer(l.name); })))
    .then(function (geo) {
      return {countries: geo[0], admin: layers.map(function (l, i) { return {level: l.level, geo: geo[i + 1]}; })};
    });
})();
