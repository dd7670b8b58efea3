/* Tacitus web: the charts and the map, drawn by Observable Plot (with d3 and topojson-client) from JSON embedded
   in the page; every library and the world shapes are served from this server (static/vendor/, see VENDOR.md).
   Also fills the actor type-ahead lists from /api/actors. */
(function () {
  "use strict";

  var QUADS = [
    ["verbal_cooperation", "#7fbf7b", "verbal cooperation"],
    ["material_cooperation", "#1b7837", "material cooperation"],
    ["verbal_conflict", "#f4a582", "verbal conflict"],
    ["material_conflict", "#b2182b", "material conflict"]
  ];
  var QUAD_COLOUR = { domain: QUADS.map(function (q) { return q[2]; }), range: QUADS.map(function (q) { return q[1]; }) };
  /* Mean Goldstein score (-10 conflict .. +10 cooperation): red, grey, green. */
  var GOLDSTEIN = d3.scaleLinear().domain([-10, 0, 10]).range(["#b2182b", "#969696", "#1b7837"]).clamp(true);
  var PHONE = 560;  /* px: below this width, larger labels and taller drawings */

  /* Counts: label only whole-number ticks. */
  function whole(value) { return Number.isInteger(value) ? String(value) : ""; }

  function fmt(value) { return value === null || value === undefined ? "—" : String(value); }

  /* "2024-03" or "2024" as the UTC date its period starts. */
  function periodStart(period) {
    return new Date(Date.UTC(+period.slice(0, 4), period.length > 4 ? +period.slice(5, 7) - 1 : 0, 1));
  }

  function empty(message) {
    var p = document.createElement("p");
    p.className = "hint chart-empty";
    p.textContent = message;
    return p;
  }

  /* Events per month (or year) stacked by QuadClass, and below it the mean Goldstein score on the same time
     axis; Plot picks the ticks (months or years, whole numbers of them). */
  function timeline(rows, width) {
    if (!rows.length) { return empty("No events in this selection."); }
    var yearly = rows[0].period.length === 4, interval = yearly ? "year" : "month";
    var stacked = [];
    rows.forEach(function (r) {
      QUADS.forEach(function (q) {
        if (r[q[0]]) { stacked.push({ date: periodStart(r.period), period: r.period, quad: q[2], n: r[q[0]] }); }
      });
    });
    var first = periodStart(rows[0].period), last = d3["utc" + (yearly ? "Year" : "Month")].offset(
      periodStart(rows[rows.length - 1].period), 1);
    var x = { type: "utc", domain: [first, last], label: null };
    var figure = document.createElement("div");
    figure.className = "timeline";
    figure.appendChild(Plot.plot({
      width: width, height: width < PHONE ? 220 : 260, marginLeft: 44, x: x,
      y: { grid: true, label: "events per " + interval, tickFormat: whole },
      color: QUAD_COLOUR,
      marks: [
        Plot.rectY(stacked, { x: "date", interval: interval, y: "n", fill: "quad", inset: 0.5, className: "bars",
                              title: function (d) { return d.period + ": " + d.n + " " + d.quad; } }),
        Plot.ruleY([0])
      ]
    }));
    var scored = rows.filter(function (r) { return r.events && r.goldstein_mean !== null && r.goldstein_mean !== undefined; })
      .map(function (r) {
        var start = periodStart(r.period);
        return { date: new Date((+start + +d3["utc" + (yearly ? "Year" : "Month")].offset(start, 1)) / 2),
                 period: r.period, g: r.goldstein_mean, events: r.events };
      });
    figure.appendChild(Plot.plot({
      width: width, height: width < PHONE ? 130 : 150, marginLeft: 44, x: x,
      y: { domain: [-10, 10], ticks: [-10, -5, 0, 5, 10], grid: true, label: "mean Goldstein" },
      marks: [
        Plot.ruleY([0], { stroke: "#9aa5ae" }),
        Plot.lineY(scored, { x: "date", y: "g", stroke: "#2c3e50", strokeWidth: 2, className: "goldstein" }),
        Plot.dot(scored, { x: "date", y: "g", fill: "#2c3e50", r: 3,
                           title: function (d) { return d.period + ": mean Goldstein " + d.g + " over " + d.events + " events"; } })
      ]
    }));
    return figure;
  }

  /* The busiest dyads as horizontal bars stacked by QuadClass. */
  function dyadBars(rows, width) {
    if (!rows.length) { return empty("No dyads yet."); }
    var stacked = [];
    rows.forEach(function (r) {
      var dyad = r.a + " – " + r.b;
      QUADS.forEach(function (q) {
        if (r[q[0]]) { stacked.push({ dyad: dyad, a: r.a, b: r.b, quad: q[2], n: r[q[0]] }); }
      });
    });
    return Plot.plot({
      width: width, height: 28 * rows.length + 40, marginLeft: 110,
      x: { grid: true, label: "events", tickFormat: whole },
      y: { domain: rows.map(function (r) { return r.a + " – " + r.b; }), label: null },
      color: QUAD_COLOUR,
      marks: [
        Plot.barX(stacked, { y: "dyad", x: "n", fill: "quad", className: "bars",
                             href: function (d) { return "/dyad?a=" + encodeURIComponent(d.a) + "&b=" + encodeURIComponent(d.b); },
                             title: function (d) { return d.dyad + ": " + d.n + " " + d.quad; } }),
        Plot.ruleX([0])
      ]
    });
  }

  /* Actors and dyads: d3-force lays the nodes out (a fixed number of steps from d3's fixed start, so the same
     data gives the same picture) and Plot draws the links, nodes and labels. */
  function network(graph, width) {
    var nodes = (graph.nodes || []).map(function (n) { return Object.assign({}, n); });
    if (!nodes.length) { return empty("No dyads in this selection."); }
    var phone = width < PHONE, height = phone ? Math.round(width * 1.3) : Math.round(width * 0.66);
    var links = (graph.edges || []).map(function (e) { return Object.assign({ source: e.a, target: e.b }, e); });
    var maxEdge = d3.max(links, function (e) { return e.events; }) || 1;
    var simulation = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).id(function (n) { return n.id; }).distance(phone ? 60 : 90))
      .force("charge", d3.forceManyBody().strength(phone ? -160 : -260))
      .force("collide", d3.forceCollide(phone ? 22 : 28))
      .force("x", d3.forceX(0).strength(0.06)).force("y", d3.forceY(0).strength(phone ? 0.04 : 0.09))
      .stop();
    simulation.tick(300);
    var href = function (e) { return "/dyad?a=" + encodeURIComponent(e.a) + "&b=" + encodeURIComponent(e.b); };
    return Plot.plot({
      width: width, height: height, inset: phone ? 28 : 40, axis: null,
      x: { label: null }, y: { label: null }, r: { range: [4, phone ? 12 : 16] },
      marks: [
        Plot.link(links, { x1: function (e) { return e.source.x; }, y1: function (e) { return e.source.y; },
                           x2: function (e) { return e.target.x; }, y2: function (e) { return e.target.y; },
                           stroke: function (e) { return GOLDSTEIN(e.goldstein_mean || 0); },
                           strokeWidth: function (e) { return 1 + 7 * Math.sqrt(e.events / maxEdge); },
                           strokeOpacity: 0.8, strokeLinecap: "round", href: href, className: "edges",
                           title: function (e) { return e.a + " – " + e.b + ": " + e.events + " events, mean Goldstein " + fmt(e.goldstein_mean); } }),
        Plot.dot(nodes, { x: "x", y: "y", r: "events", fill: "#2c3e50", stroke: "white", strokeWidth: 1.5,
                          className: "nodes", href: function (n) { return "/dyad?a=" + encodeURIComponent(n.id); },
                          title: function (n) { return n.name + " (" + n.id + "): " + n.events + " events"; } }),
        Plot.text(nodes, { x: "x", y: "y", text: "id", dy: phone ? -15 : -19, fontSize: phone ? 13 : 12,
                           fontWeight: 600, fill: "#1d2329", stroke: "white", strokeWidth: 3, className: "labels" })
      ]
    });
  }

  /* A choropleth of the countries where events happened (events or mean Goldstein, from world-atlas's Natural
     Earth shapes), with the geocoded places as circles on top, sized by events and coloured by mean Goldstein.
     Countries too small for the 1:110m shapes show as a square at their centre. */
  function worldMap(data, width, world) {
    var shapes = topojson.feature(world, world.objects.countries).features;
    var borders = topojson.mesh(world, world.objects.countries, function (a, b) { return a !== b; });
    var byNumeric = {}, byName = {};
    (data.countries || []).forEach(function (c) {
      if (c.numeric) { byNumeric[c.numeric] = c; }
      byName[c.name] = c;
    });
    var matched = {};
    shapes.forEach(function (shape) {
      var c = byNumeric[shape.id] || byName[shape.properties.name];
      shape.tacitus = c || null;
      if (c) { matched[c.iso3] = true; }
    });
    var small = (data.countries || []).filter(function (c) { return !matched[c.iso3]; });
    var byGoldstein = data.shade === "goldstein";
    var value = function (c) { return c ? (byGoldstein ? c.goldstein_mean : c.events) : null; };
    var places = (data.places || []).slice().sort(function (a, b) { return b.events - a.events; });
    var labelled = places.slice(0, width < PHONE ? 5 : 12);
    var describe = function (c) {
      return c.name + ": " + c.events + " event" + (c.events === 1 ? "" : "s") + ", mean Goldstein " + fmt(c.goldstein_mean);
    };
    var color = byGoldstein
      ? { type: "linear", domain: [-10, 0, 10], range: ["#b2182b", "#f0f0f0", "#1b7837"], clamp: true, legend: true,
          label: "mean Goldstein of the events in the country" }
      : { type: "log", scheme: "blues", domain: [1, Math.max(2, d3.max(data.countries || [], function (c) { return c.events; }) || 2)],
          legend: true, label: "events in the country" };
    return Plot.plot({
      width: width, projection: { type: "equal-earth", domain: { type: "Sphere" } }, color: color,
      r: { range: [2.5, width < PHONE ? 12 : 18] },
      marks: [
        Plot.sphere({ fill: "#eef4f8", stroke: "#b8c9d6" }),
        Plot.graticule({ stroke: "#d3dfe8", strokeOpacity: 1 }),
        Plot.geo(shapes, { fill: "#dde3e8", className: "countries",
                           title: function (s) { return s.properties.name + ": no events"; } }),
        Plot.geo(shapes.filter(function (s) { return s.tacitus; }), { fill: function (s) { return value(s.tacitus); },
                                                                      className: "shaded",
                                                                      title: function (s) { return describe(s.tacitus); } }),
        Plot.geo(borders, { stroke: "white", strokeWidth: 0.6 }),
        Plot.dot(small, { x: "lon", y: "lat", symbol: "square", r: 3, fill: value, stroke: "#5c6670",
                          title: describe }),
        Plot.dot(places, { x: "lon", y: "lat", r: "events", stroke: "white", strokeWidth: 0.8, fillOpacity: 0.9,
                           fill: { value: function (p) { return GOLDSTEIN(p.goldstein_mean || 0); }, scale: null },
                           className: "places",
                           title: function (p) { return p.name + (p.country ? " (" + p.country + ")" : "") + ": " + p.events +
                                                        " events, mean Goldstein " + fmt(p.goldstein_mean); } }),
        Plot.text(labelled, { x: "lon", y: "lat", text: "name", dy: -12, fontSize: width < PHONE ? 11 : 12,
                              fill: "#1d2329", stroke: "white", strokeWidth: 3, className: "place-labels" })
      ]
    });
  }

  var WORLD = null;
  function world() {
    if (!WORLD) {
      WORLD = fetch("/static/vendor/countries-110m.json").then(function (response) {
        if (!response.ok) { throw new Error("the world shapes did not load: HTTP " + response.status); }
        return response.json();
      });
    }
    return WORLD;
  }

  var CHARTS = { timeline: timeline, dyads: dyadBars, network: network, map: worldMap };

  function draw(holder) {
    var source = document.getElementById(holder.getAttribute("data-source"));
    var chart = CHARTS[holder.getAttribute("data-chart")];
    if (!source || !chart) { return; }
    var data = JSON.parse(source.textContent);
    var width = Math.max(280, Math.floor(holder.clientWidth || 640));
    if (holder.getAttribute("data-drawn-width") === String(width)) { return; }
    var done = function (node) {
      holder.textContent = "";
      holder.appendChild(node);
      holder.setAttribute("data-drawn", "true");
      holder.setAttribute("data-drawn-width", String(width));
    };
    if (chart === worldMap) {
      world().then(function (shapes) { done(worldMap(data, width, shapes)); })
        .catch(function (error) { done(empty(String(error.message || error))); });
    } else {
      done(chart(data, width));
    }
  }

  function drawAll() {
    document.querySelectorAll("[data-chart]").forEach(draw);
  }

  /* Type-ahead: ask the server for actors whose key or name starts with what was typed. */
  function typeahead(input) {
    var list = document.getElementById(input.getAttribute("data-typeahead"));
    var timer = null, last = "";
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (!list || q === last || q.length < 1) { return; }
      last = q;
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch("/api/actors?limit=20&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (page) {
            if (!page) { return; }
            list.textContent = "";
            page.items.forEach(function (actor) {
              var option = document.createElement("option");
              option.value = actor.actor;
              option.textContent = (actor.name || actor.actor) + " (" + actor.events + " events)";
              list.appendChild(option);
            });
          })
          .catch(function () { /* the server-rendered list stays */ });
      }, 150);
    });
  }

  /* While a pasted article is coded (the form posts as usual), ask the server what the coder is doing: the
     first article waits for the model to load. */
  function codeProgress(form) {
    var line = document.getElementById("code-status");
    if (!line) { return; }
    form.addEventListener("submit", function () {
      var started = Date.now();
      line.hidden = false;
      line.textContent = "Sending the article…";
      var poll = function () {
        fetch("/api/code/status", { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (status) {
            if (!status) { return; }
            var waited = Math.round((Date.now() - started) / 1000);
            line.textContent = status.state === "loading"
              ? "Loading the language model (" + Math.round(status.seconds || 0) + " s; the first article takes longest)…"
              : "Coding the article… (" + waited + " s)";
            line.setAttribute("data-state", status.state);
          })
          .catch(function () { /* the page is being replaced by the answer */ })
          .then(function () { setTimeout(poll, 700); });
      };
      poll();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.code-form").forEach(codeProgress);
    drawAll();
    var resized = null;
    window.addEventListener("resize", function () {
      clearTimeout(resized);
      resized = setTimeout(drawAll, 200);
    });
    document.querySelectorAll("input[data-typeahead]").forEach(typeahead);
  });
}());
