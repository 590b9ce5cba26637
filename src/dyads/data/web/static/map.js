// Country choropleth: load our own basemap SVG and the per-country counts, shade and link.
(function () {
  "use strict";
  var box = document.getElementById("basemap");
  if (!box) { return; }
  function bucket(n) { return n >= 50 ? 4 : n >= 10 ? 3 : n >= 3 ? 2 : n >= 1 ? 1 : 0; }
  Promise.all([
    fetch(box.dataset.src).then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); }),
    fetch(box.dataset.counts).then(function (r) { return r.json(); })
  ]).then(function (parts) {
    var svg = new DOMParser().parseFromString(parts[0], "image/svg+xml").documentElement;
    if (svg.nodeName.toLowerCase() !== "svg") { throw new Error("not an SVG"); }
    svg.setAttribute("class", "world");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "World map of events by country");
    var counts = parts[1].countries || {};
    svg.querySelectorAll("g.country").forEach(function (g) {
      var iso2 = g.getAttribute("class").split(" ")[0];
      var info = counts[iso2];
      var title = document.createElementNS("http://www.w3.org/2000/svg", "title");
      if (info) {
        g.classList.add("h" + bucket(info.events));
        title.textContent = info.name + ": " + info.events + " event(s)";
        g.addEventListener("click", function () {
          window.location.href = "/events?actor=" + encodeURIComponent(info.iso3);
        });
      } else {
        title.textContent = iso2.toUpperCase();
      }
      g.appendChild(title);
    });
    box.replaceChildren(svg);
  }).catch(function () {
    box.replaceChildren();
    var p = document.createElement("p");
    p.className = "muted";
    p.id = "basemap-missing";
    p.textContent = "No basemap available (install pygal_maps_world).";
    box.appendChild(p);
  });
})();
