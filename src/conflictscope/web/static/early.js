// Start fetching the map's data before Leaflet loads, so the two overlap.
"use strict";
window.conflictscopeData = fetch("/map.json" + window.location.search, {credentials: "same-origin"})
  .then(function (r) { if (!r.ok) { throw new Error("map data: HTTP " + r.status); } return r.json(); });
// The base map: world countries, then the boundary layers the page lists ({name, level}).
window.conflictscopeBase = (function () {
  var layers = JSON.parse(document.getElementById("basemap-layers").textContent);
  function fetchLayer(name) {
    return fetch("/basemap/" + name + ".geojson").then(function (r) { return r.json(); });
  }
  return Promise.all([fetchLayer("countries")].concat(layers.map(function (l) { return fetchLayer(l.name); })))
    .then(function (geo) {
      return {countries: geo[0], admin: layers.map(function (l, i) { return {level: l.level, geo: geo[i + 1]}; })};
    });
})();
