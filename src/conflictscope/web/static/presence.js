// The actor page's presence map: where reports place the actor, on the offline base map,
// each statement a dot shaded by its period (darker is more recent). Strings go in via textContent.
"use strict";
(function () {
  var box = document.getElementById("presence-map");
  if (!box || typeof L === "undefined") { return; }
  var map = L.map(box, {zoomSnap: 0.5, minZoom: 4, maxZoom: 12});
  map.fitBounds([[29.0, 35.5], [37.6, 48.6]]);
  map.attributionControl.addAttribution("Natural Earth via world-atlas · OCHA admin boundaries");
  map.createPane("base"); map.getPane("base").style.zIndex = 250;

  // world countries, then the admin level 1 layers the page lists ({name, level})
  var names = ["countries"].concat(JSON.parse(document.getElementById("basemap-layers").textContent)
    .filter(function (l) { return l.level === 1; }).map(function (l) { return l.name; }));
  var layers = Promise.all(names.map(function (name) {
    return fetch("/basemap/" + name + ".geojson").then(function (r) { return r.json(); });
  })).then(function (geo) {
    L.geoJSON(geo[0], {pane: "base", interactive: false,
      style: {color: "#8c8c8c", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1}}).addTo(map);
    geo.slice(1).forEach(function (g) {
      L.geoJSON(g, {pane: "base", interactive: false, style: {color: "#7d7464", weight: 1, fill: false}}).addTo(map);
    });
  });

  var data = fetch(box.dataset.source, {credentials: "same-origin"}).then(function (r) { return r.json(); });
  Promise.all([layers, data]).then(function (results) {
    var presence = (results[1].presence || []).filter(function (p) { return p.latitude !== null && p.longitude !== null; });
    var periods = presence.map(function (p) { return p.period_start || ""; }).filter(Boolean).sort();
    var first = periods[0], last = periods[periods.length - 1];
    var points = [];
    presence.forEach(function (p) {
      var share = (p.period_start && first !== last) ? (periods.indexOf(p.period_start) / (periods.length - 1)) : 1;
      var marker = L.circleMarker([p.latitude, p.longitude], {
        radius: 7, color: "#1f3b57", weight: 1, fillColor: "#1f77b4", fillOpacity: 0.25 + 0.6 * share
      }).addTo(map);
      var tip = document.createElement("div");
      tip.textContent = p.location + " · " + (p.period_start || "period unknown");
      marker.bindTooltip(tip);
      points.push([p.latitude, p.longitude]);
    });
    if (points.length) { map.fitBounds(L.latLngBounds(points).pad(0.6), {maxZoom: 8, animate: false}); }
    box.dataset.points = String(points.length);
    var note = document.getElementById("presence-map-note");
    if (note) { note.textContent = points.length + " presence statement(s) on the map" + (first ? " · " + first + " – " + last : ""); }
  });
})();
