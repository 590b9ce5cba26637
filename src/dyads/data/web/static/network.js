// dyads: the actor network as an SVG force layout, from the page's data-graph (the
// server's grouped, top-N graph) or else /api/network.
// Repulsion between every pair of nodes, springs along edges, a pull to the
// centre; then drag to move a node, click to open its events.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const MAX_NODES = 150;

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (parent) parent.appendChild(node);
    return node;
  }

  function openEvents(id) {
    if (id.startsWith("(")) return; // a group (no country) has no code to filter by
    window.location.href = "/events?actor=" + encodeURIComponent(id);
  }

  function layout(nodes, links, width, height) {
    nodes.forEach((n, i) => {
      const angle = (2 * Math.PI * i) / nodes.length;
      n.x = width / 2 + (width / 3) * Math.cos(angle);
      n.y = height / 2 + (height / 3) * Math.sin(angle);
    });
    const k = Math.sqrt((width * height) / Math.max(1, nodes.length)) * 0.45;
    for (let step = 0; step < 300; step++) {
      const t = 0.1 * (1 - step / 300) + 0.01;
      nodes.forEach((n) => { n.dx = 0; n.dy = 0; });
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i], b = nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y;
          const d2 = Math.max(dx * dx + dy * dy, 0.01);
          const f = (k * k) / d2;
          a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
        }
      }
      links.forEach((l) => {
        const dx = l.s.x - l.t.x, dy = l.s.y - l.t.y;
        const d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.1);
        const f = d / k;
        l.s.dx -= dx * f; l.s.dy -= dy * f; l.t.dx += dx * f; l.t.dy += dy * f;
      });
      nodes.forEach((n) => {
        n.dx += (width / 2 - n.x) * 0.4; n.dy += (height / 2 - n.y) * 0.4;
        const d = Math.max(Math.sqrt(n.dx * n.dx + n.dy * n.dy), 0.01);
        const move = Math.min(d, t * width);
        n.x = Math.min(width - 30, Math.max(30, n.x + (n.dx / d) * move));
        n.y = Math.min(height - 20, Math.max(20, n.y + (n.dy / d) * move));
      });
    }
  }

  function render(container, data) {
    const width = 900, height = 600;
    const nodes = data.nodes.slice().sort((a, b) => b.events - a.events).slice(0, MAX_NODES);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const links = data.links
      .filter((l) => byId.has(l.source) && byId.has(l.target) && l.source !== l.target)
      .map((l) => ({ ...l, s: byId.get(l.source), t: byId.get(l.target) }));
    layout(nodes, links, width, height);
    container.replaceChildren();
    const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart network", role: "img",
      "aria-label": "Actor network" }, container);
    const defs = el("defs", {}, svg);
    const marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 20, refY: 5, markerUnits: "userSpaceOnUse",
      markerWidth: 9, markerHeight: 9, orient: "auto-start-reverse" }, defs);
    el("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrow" }, marker);
    const maxW = Math.max(1, ...links.map((l) => l.weight));
    const edgeEls = links.map((l) => {
      const conflict = (l.quad3 || 0) + (l.quad4 || 0) > (l.quad1 || 0) + (l.quad2 || 0);
      const line = el("line", { class: "mark edge " + (conflict ? "conflict" : "coop"),
        "stroke-width": 1 + (4 * l.weight) / maxW, "marker-end": "url(#arrow)" }, svg);
      el("title", {}, line).textContent = `${l.source} → ${l.target}: ${l.weight} event(s)`;
      return line;
    });
    const maxE = Math.max(1, ...nodes.map((n) => n.events));
    const nodeEls = nodes.map((n) => {
      const g = el("g", { class: "node", "data-code": n.id, tabindex: 0 }, svg);
      el("circle", { r: 6 + (10 * n.events) / maxE, class: "mark" }, g);
      const label = el("text", { dy: -12, "text-anchor": "middle", class: "label" }, g);
      label.textContent = n.id;
      el("title", {}, g).textContent = `${n.id} ${n.name || ""}: ${n.events} event(s)`;
      return g;
    });
    function place() {
      links.forEach((l, i) => {
        const e = edgeEls[i];
        e.setAttribute("x1", l.s.x); e.setAttribute("y1", l.s.y);
        e.setAttribute("x2", l.t.x); e.setAttribute("y2", l.t.y);
      });
      nodes.forEach((n, i) => nodeEls[i].setAttribute("transform", `translate(${n.x},${n.y})`));
    }
    place();
    let dragging = null, moved = false;
    nodeEls.forEach((g, i) => {
      g.addEventListener("pointerdown", (ev) => { dragging = nodes[i]; moved = false; g.setPointerCapture(ev.pointerId); });
      g.addEventListener("pointermove", (ev) => {
        if (dragging !== nodes[i]) return;
        const p = svg.createSVGPoint(); p.x = ev.clientX; p.y = ev.clientY;
        const q = p.matrixTransform(svg.getScreenCTM().inverse());
        dragging.x = q.x; dragging.y = q.y; moved = true; place();
      });
      g.addEventListener("pointerup", () => {
        const node = dragging; dragging = null;
        if (node && !moved) openEvents(node.id);
      });
      g.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter") openEvents(nodes[i].id);
      });
    });
    container.dataset.ready = "true";
  }

  async function start(container) {
    try {
      let data;
      if (container.dataset.graph) {
        data = JSON.parse(container.dataset.graph);
      } else {
        const response = await fetch(container.dataset.api, { headers: { Accept: "application/json" } });
        data = await response.json();
        if (!data.ok) throw new Error(data.error);
      }
      if (!data.nodes.length) {
        container.replaceChildren();
        const p = document.createElement("p");
        p.className = "muted"; p.textContent = "No edges with these settings: lower the minimum or widen the dates.";
        container.appendChild(p);
        return;
      }
      render(container, data);
    } catch (err) {
      container.replaceChildren();
      const p = document.createElement("p");
      p.className = "error"; p.textContent = String(err.message || err);
      container.appendChild(p);
    }
  }

  const container = document.getElementById("network");
  if (container) start(container);
})();
