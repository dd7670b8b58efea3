/* Tacitus web: draws the SVG charts from JSON embedded in the page (no libraries, no network),
   and fills the actor type-ahead lists from /api/actors. */
(function () {
  "use strict";

  var NS = "http://www.w3.org/2000/svg";
  var QUADS = [
    ["verbal_cooperation", "#7fbf7b", "verbal cooperation"],
    ["material_cooperation", "#1b7837", "material cooperation"],
    ["verbal_conflict", "#f4a582", "verbal conflict"],
    ["material_conflict", "#b2182b", "material conflict"]
  ];

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function title(parent, text) {
    el("title", {}, parent).textContent = text;
  }

  function text(parent, x, y, content, attrs) {
    var node = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    node.textContent = content;
    return node;
  }

  /* Mean Goldstein score (-10 conflict .. +10 cooperation) as a colour: red, grey, green. */
  function goldsteinColour(score) {
    var g = Math.max(-10, Math.min(10, Number(score) || 0)) / 10;
    var grey = [150, 150, 150], red = [178, 24, 43], green = [27, 120, 55];
    var end = g < 0 ? red : green, t = Math.abs(g);
    var rgb = grey.map(function (c, i) { return Math.round(c + (end[i] - c) * t); });
    return "rgb(" + rgb.join(",") + ")";
  }

  function niceMax(value) {
    if (value <= 12) { return Math.max(4, 4 * Math.ceil(value / 4)); }  /* whole-number ticks */
    var step = Math.pow(10, Math.floor(Math.log10(value)));
    var nice = [1, 2, 2.5, 5, 10].map(function (m) { return m * step; }).find(function (v) { return v >= value; });
    return nice || 10 * step;
  }

  /* Every month between the first and the last (or every year), so that gaps show as gaps. */
  function fillPeriods(rows) {
    if (!rows.length) { return []; }
    var byPeriod = {};
    rows.forEach(function (r) { byPeriod[r.period] = r; });
    var first = rows[0].period, last = rows[rows.length - 1].period, out = [];
    if (first.length === 4) {
      for (var y = +first; y <= +last; y++) { out.push(byPeriod[String(y)] || { period: String(y), events: 0 }); }
      return out;
    }
    var year = +first.slice(0, 4), month = +first.slice(5, 7);
    for (var guard = 0; guard < 2400; guard++) {
      var key = year + "-" + (month < 10 ? "0" : "") + month;
      out.push(byPeriod[key] || { period: key, events: 0 });
      if (key === last) { break; }
      month += 1;
      if (month > 12) { month = 1; year += 1; }
    }
    return out;
  }

  function timeline(svg, rows) {
    var W = 960, H = 320, left = 48, right = 48, top = 16, bottom = 44;
    var periods = fillPeriods(rows);
    if (!periods.length) {
      text(svg, W / 2, H / 2, "No events in this selection", { "text-anchor": "middle" });
      return;
    }
    var maxCount = niceMax(Math.max.apply(null, periods.map(function (p) { return p.events || 0; })));
    var plotW = W - left - right, plotH = H - top - bottom;
    var band = plotW / periods.length, bar = Math.max(1, band * 0.8);
    var y = function (v) { return top + plotH - (v / maxCount) * plotH; };
    var yG = function (g) { return top + plotH / 2 - (g / 10) * (plotH / 2); };
    for (var i = 0; i <= 4; i++) {
      var v = maxCount * i / 4;
      el("line", { x1: left, x2: W - right, y1: y(v), y2: y(v), "class": "grid" }, svg);
      text(svg, left - 6, y(v) + 4, String(Math.round(v * 10) / 10), { "text-anchor": "end" });
      var g = -10 + 5 * i;
      text(svg, W - right + 6, yG(g) + 4, (g > 0 ? "+" : "") + g);
    }
    el("line", { x1: left, x2: W - right, y1: top + plotH, y2: top + plotH, "class": "axis" }, svg);
    var bars = el("g", { "class": "bars" }, svg);
    var every = Math.ceil(periods.length / 12);
    periods.forEach(function (p, index) {
      var x = left + index * band + (band - bar) / 2, base = 0;
      QUADS.forEach(function (quad) {
        var n = p[quad[0]] || 0;
        if (!n) { return; }
        var rect = el("rect", { x: x, width: bar, y: y(base + n), height: y(base) - y(base + n), fill: quad[1],
                                "class": "bar", "data-period": p.period }, bars);
        title(rect, p.period + ": " + n + " " + quad[2]);
        base += n;
      });
      if (index % every === 0) {
        text(svg, left + index * band + band / 2, H - bottom + 16, p.period, { "text-anchor": "middle" });
      }
    });
    var points = periods.map(function (p, index) {
      return p.events && p.goldstein_mean !== null && p.goldstein_mean !== undefined
        ? [left + index * band + band / 2, yG(p.goldstein_mean), p] : null;
    });
    var d = "", pen = "M";
    points.forEach(function (pt) {
      if (!pt) { pen = "M"; return; }
      d += pen + pt[0].toFixed(1) + "," + pt[1].toFixed(1) + " ";
      pen = "L";
    });
    if (d) { el("path", { d: d, "class": "gold-line" }, svg); }
    points.forEach(function (pt) {
      if (!pt) { return; }
      var dot = el("circle", { cx: pt[0], cy: pt[1], r: 3, "class": "gold-dot" }, svg);
      title(dot, pt[2].period + ": mean Goldstein " + pt[2].goldstein_mean + " over " + pt[2].events + " events");
    });
    text(svg, left, H - 6, "events per " + (periods[0].period.length === 4 ? "year" : "month"));
    text(svg, W - right, H - 6, "mean Goldstein", { "text-anchor": "end" });
  }

  /* A force-directed layout with a fixed start (a circle) and a fixed number of steps: the same data always
     gives the same picture. */
  function layout(nodes, edges, W, H) {
    var n = nodes.length, index = {};
    nodes.forEach(function (node, i) {
      index[node.id] = i;
      var angle = 2 * Math.PI * i / Math.max(n, 1);
      node.x = W / 2 + Math.cos(angle) * W * 0.35;
      node.y = H / 2 + Math.sin(angle) * H * 0.35;
    });
    var k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.6;
    for (var step = 0; step < 300; step++) {
      var temperature = (W / 10) * (1 - step / 300) + 1;
      var dx = new Float64Array(n), dy = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var ex = nodes[i].x - nodes[j].x, ey = nodes[i].y - nodes[j].y;
          var dist = Math.max(Math.sqrt(ex * ex + ey * ey), 0.01), force = (k * k) / dist;
          dx[i] += ex / dist * force; dy[i] += ey / dist * force;
          dx[j] -= ex / dist * force; dy[j] -= ey / dist * force;
        }
      }
      edges.forEach(function (edge) {
        var a = index[edge.a], b = index[edge.b];
        var ex = nodes[a].x - nodes[b].x, ey = nodes[a].y - nodes[b].y;
        var dist = Math.max(Math.sqrt(ex * ex + ey * ey), 0.01), force = (dist * dist) / k;
        dx[a] -= ex / dist * force; dy[a] -= ey / dist * force;
        dx[b] += ex / dist * force; dy[b] += ey / dist * force;
      });
      for (var m = 0; m < n; m++) {
        dx[m] += (W / 2 - nodes[m].x) * 0.05; dy[m] += (H / 2 - nodes[m].y) * 0.05;
        var len = Math.max(Math.sqrt(dx[m] * dx[m] + dy[m] * dy[m]), 0.01);
        nodes[m].x += dx[m] / len * Math.min(len, temperature);
        nodes[m].y += dy[m] / len * Math.min(len, temperature);
      }
    }
    var xs = nodes.map(function (node) { return node.x; }), ys = nodes.map(function (node) { return node.y; });
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
    var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var pad = 50;
    nodes.forEach(function (node) {
      node.x = maxX > minX ? pad + (node.x - minX) / (maxX - minX) * (W - 2 * pad) : W / 2;
      node.y = maxY > minY ? pad + (node.y - minY) / (maxY - minY) * (H - 2 * pad) : H / 2;
    });
  }

  function network(svg, graph) {
    var W = 800, H = 600;
    var nodes = graph.nodes || [], edges = graph.edges || [];
    if (!nodes.length) {
      text(svg, W / 2, H / 2, "No dyads in this selection", { "text-anchor": "middle" });
      return;
    }
    layout(nodes, edges, W, H);
    var byId = {};
    nodes.forEach(function (node) { byId[node.id] = node; });
    var maxEdge = Math.max.apply(null, edges.map(function (e) { return e.events; }));
    var maxNode = Math.max.apply(null, nodes.map(function (node) { return node.events; }));
    var edgeLayer = el("g", { "class": "edges" }, svg), nodeLayer = el("g", { "class": "nodes" }, svg);
    edges.forEach(function (edge) {
      var a = byId[edge.a], b = byId[edge.b];
      var link = el("a", { href: "/dyad?a=" + encodeURIComponent(edge.a) + "&b=" + encodeURIComponent(edge.b),
                           "class": "edge" }, edgeLayer);
      title(link, edge.a + " – " + edge.b + ": " + edge.events + " events, mean Goldstein " + edge.goldstein_mean);
      el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: goldsteinColour(edge.goldstein_mean),
                   "stroke-width": (1 + 7 * Math.sqrt(edge.events / maxEdge)).toFixed(2),
                   "stroke-linecap": "round", "stroke-opacity": 0.8 }, link);
    });
    nodes.forEach(function (node) {
      var link = el("a", { href: "/dyad?a=" + encodeURIComponent(node.id), "class": "node" }, nodeLayer);
      title(link, node.name + " (" + node.id + "): " + node.events + " events");
      el("circle", { cx: node.x, cy: node.y, r: (4 + 10 * Math.sqrt(node.events / maxNode)).toFixed(1),
                     fill: "#2c3e50", stroke: "#fff", "stroke-width": 1.5 }, link);
      text(link, node.x, node.y - 8 - 10 * Math.sqrt(node.events / maxNode), node.id, { "text-anchor": "middle" });
    });
  }

  /* An equirectangular world: graticule, country points from the package's gazetteer, event places. */
  function worldMap(svg, data) {
    var W = 720, H = 360;
    var px = function (lon) { return (lon + 180) * W / 360; };
    var py = function (lat) { return (90 - lat) * H / 180; };
    el("rect", { x: 0, y: 0, width: W, height: H, "class": "ocean" }, svg);
    var grid = el("g", { "class": "graticule" }, svg);
    for (var lon = -180; lon <= 180; lon += 30) { el("line", { x1: px(lon), x2: px(lon), y1: 0, y2: H }, grid); }
    for (var lat = -60; lat <= 60; lat += 30) {
      el("line", { x1: 0, x2: W, y1: py(lat), y2: py(lat), "class": lat === 0 ? "equator" : "" }, grid);
    }
    var countries = el("g", { "class": "countries" }, svg);
    (data.countries || []).forEach(function (c) {
      var dot = el("circle", { cx: px(c.lon).toFixed(1), cy: py(c.lat).toFixed(1), r: 1.6, "class": "country" },
                   countries);
      title(dot, c.name);
    });
    var places = (data.places || []).slice().sort(function (a, b) { return b.events - a.events; });
    var maxEvents = places.length ? places[0].events : 1;
    var layer = el("g", { "class": "places" }, svg);
    places.forEach(function (p) {
      var dot = el("circle", { cx: px(p.lon).toFixed(1), cy: py(p.lat).toFixed(1),
                               r: (2.5 + 12 * Math.sqrt(p.events / maxEvents)).toFixed(1),
                               fill: goldsteinColour(p.goldstein_mean), "class": "place", tabindex: 0 }, layer);
      title(dot, p.name + (p.country ? " (" + p.country + ")" : "") + ": " + p.events + " events, mean Goldstein " +
            p.goldstein_mean);
    });
  }

  var CHARTS = { timeline: timeline, network: network, map: worldMap };

  function drawAll() {
    document.querySelectorAll("svg[data-chart]").forEach(function (svg) {
      var source = document.getElementById(svg.getAttribute("data-source"));
      var draw = CHARTS[svg.getAttribute("data-chart")];
      if (!source || !draw) { return; }
      draw(svg, JSON.parse(source.textContent));
      svg.setAttribute("data-drawn", "true");
    });
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

  document.addEventListener("DOMContentLoaded", function () {
    drawAll();
    document.querySelectorAll("input[data-typeahead]").forEach(typeahead);
  });
}());
