// dyads: the dyad time series, drawn as SVG from /api/dyads/{a}/{b}.
// One panel per direction: cooperation (quad 1-2) as bars above the axis,
// conflict (quad 3-4) below it. No inline code, no external library.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (parent) parent.appendChild(node);
    return node;
  }

  function text(parent, x, y, content, cls) {
    const node = el("text", { x: x, y: y, class: cls || "label" }, parent);
    node.textContent = content;
    return node;
  }

  function panel(container, direction, rows) {
    const width = 760, height = 240, left = 40, mid = 120, scaleH = 90;
    const coop = rows.map((r) => r.verbal_cooperation + r.material_cooperation);
    const conflict = rows.map((r) => r.verbal_conflict + r.material_conflict);
    const top = Math.max(1, ...coop, ...conflict);
    const step = (width - left - 10) / Math.max(1, rows.length);
    const bar = Math.max(1, step * 0.8);
    const box = document.createElement("figure");
    const caption = document.createElement("figcaption");
    caption.textContent = direction;
    box.appendChild(caption);
    const svg = el("svg", {
      viewBox: `0 0 ${width} ${height}`, class: "chart dyad-chart", role: "img",
      "aria-label": `Cooperation and conflict, ${direction}`, "data-direction": direction,
    }, box);
    el("line", { x1: left, x2: width, y1: mid, y2: mid, class: "axis" }, svg);
    text(svg, 2, mid - scaleH + 4, String(top), "tick");
    text(svg, 2, mid + scaleH, String(top), "tick");
    rows.forEach((row, i) => {
      const x = left + i * step;
      const up = (coop[i] / top) * scaleH, down = (conflict[i] / top) * scaleH;
      if (coop[i] > 0) {
        const r = el("rect", { x: x, y: mid - up, width: bar, height: up, class: "mark coop" }, svg);
        el("title", {}, r).textContent = `${row.period}: ${coop[i]} cooperation`;
      }
      if (conflict[i] > 0) {
        const r = el("rect", { x: x, y: mid, width: bar, height: down, class: "mark conflict" }, svg);
        el("title", {}, r).textContent = `${row.period}: ${conflict[i]} conflict`;
      }
    });
    if (rows.length) {
      text(svg, left, height - 6, rows[0].period, "tick");
      const last = text(svg, width - 4, height - 6, rows[rows.length - 1].period, "tick");
      last.setAttribute("text-anchor", "end");
    }
    container.appendChild(box);
  }

  function show(container, message) {
    container.replaceChildren();
    const p = document.createElement("p");
    p.className = "muted";
    p.textContent = message;
    container.appendChild(p);
  }

  async function draw(container) {
    try {
      const response = await fetch(container.dataset.api, { headers: { Accept: "application/json" } });
      const data = await response.json();
      if (!data.ok) return show(container, data.error);
      const directions = [...new Set(data.rows.map((r) => r.direction))];
      if (!directions.length) return show(container, "No events to chart.");
      container.replaceChildren();
      for (const direction of directions) {
        panel(container, direction, data.rows.filter((r) => r.direction === direction));
      }
      container.dataset.ready = "true";
    } catch (err) {
      show(container, "Could not load the series: " + err);
    }
  }

  document.querySelectorAll("[data-api]#dyad-chart").forEach(draw);
})();
