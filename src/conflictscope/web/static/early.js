// Start fetching the map's data before Leaflet loads, so the two overlap.
"use strict";
window.conflictscopeData = fetch("/map.json" + window.location.search, {credentials: "same-origin"})
  .then(function (r) { if (!r.ok) { throw new Error("map data: HTTP " + r.status); } return r.json(); });
window.conflictscopeBase = Promise.all(["countries", "syria_admin1", "syria_admin2"].map(function (name) {
  return fetch("/basemap/" + name + ".geojson").then(function (r) { return r.json(); });
}));
