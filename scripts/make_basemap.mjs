// Build the book's offline base map, data/topojson/world_50m.json, from Natural Earth 1:10m land
// and countries (npm package world-atlas, pinned in package.json), clipped to East Asia and the
// western Pacific, simplified and quantised. Run: `npm ci && node scripts/make_basemap.mjs`.
//
// Why: Natural Earth 1:50m (the previous base map) has no Yonaguni, the book's westernmost
// garrison; 1:10m has it. Plotly's geo figures ask for `{topojsonURL}world_50m.json` (scope
// "world", resolution 50) and read the objects land, ocean, coastlines, countries, lakes, rivers
// and subunits, so the file keeps that name and those objects. Large land masses are simplified;
// islands smaller than SMALL_ISLAND keep every point Natural Earth gives them.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import bboxClip from "@turf/bbox-clip";
import { feature, mesh, quantize } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, simplify } from "topojson-simplify";

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "data", "topojson", "world_50m.json");
// West, south, east, north (degrees): wider than every map view of the book (the widest is
// longitude 108–152, latitude 10–50), so the straight edges the clip makes never show.
const BBOX = [100, 5, 160, 55];
const SMALL_ISLAND = 0.5; // square degrees of a polygon's bounding box: below it, not simplified
const MIN_WEIGHT = 1e-3; // Visvalingam triangle area (square degrees) kept on large land masses
const QUANTIZATION = 1e5;

const read = (name) => JSON.parse(readFileSync(require.resolve(`world-atlas/${name}`), "utf8"));
const polygonsOf = (geometry) =>
  geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;

function clip(collection) {
  // Every polygon clipped to BBOX, as one Polygon feature each (rings of 4+ points only).
  const out = [];
  for (const f of collection.features) {
    for (const polygon of polygonsOf(bboxClip(f, BBOX).geometry)) {
      const rings = polygon.filter((ring) => ring.length >= 4);
      if (rings.length > 0) out.push({ type: "Feature", properties: {}, geometry:
                                       { type: "Polygon", coordinates: rings } });
    }
  }
  return out;
}

function boxArea(polygon) {
  const lon = polygon[0].map((c) => c[0]);
  const lat = polygon[0].map((c) => c[1]);
  return (Math.max(...lon) - Math.min(...lon)) * (Math.max(...lat) - Math.min(...lat));
}

function ocean() {
  // The whole box, clockwise (d3-geo's exterior winding), densified so its edges follow the
  // parallels and meridians rather than great circles.
  const [w, s, e, n] = BBOX;
  const ring = [];
  for (let lat = s; lat < n; lat += 1) ring.push([w, lat]);
  for (let lon = w; lon < e; lon += 1) ring.push([lon, n]);
  for (let lat = n; lat > s; lat -= 1) ring.push([e, lat]);
  for (let lon = e; lon >= w; lon -= 1) ring.push([lon, s]);
  return { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [ring] } };
}

const land10 = read("land-10m.json");
const countries10 = read("countries-10m.json");
const land = clip(feature(land10, land10.objects.land));
const small = land.filter((f) => boxArea(f.geometry.coordinates) < SMALL_ISLAND);
const large = land.filter((f) => boxArea(f.geometry.coordinates) >= SMALL_ISLAND);
// Country borders on land only (the coast is drawn by coastlines): shared edges of countries.
const borders = mesh(countries10, countries10.objects.countries, (a, b) => a !== b);
const clippedBorders = bboxClip({ type: "Feature", properties: {}, geometry: borders }, BBOX);
const collection = (features) => ({ type: "FeatureCollection", features });

let topo = topology({ large: collection(large), small: collection(small),
                      countries: clippedBorders, ocean: ocean() }, QUANTIZATION);
topo = presimplify(topo);
// Keep every point of the small islands' arcs.
const arcIndex = (i) => (i < 0 ? ~i : i);
for (const geometry of topo.objects.small.geometries) {
  for (const ring of geometry.arcs) for (const i of ring) {
    for (const point of topo.arcs[arcIndex(i)]) point[2] = Infinity;
  }
}
topo = simplify(topo, MIN_WEIGHT);
// presimplify works in absolute coordinates with a weight per point: drop the weights and
// quantise again (integer, delta-encoded arcs are most of the file's saving).
topo.arcs = topo.arcs.map((arc) => arc.map(([x, y]) => [x, y]));
topo = quantize(topo, QUANTIZATION);
const islands = [...topo.objects.large.geometries, ...topo.objects.small.geometries];
const empty = { type: "GeometryCollection", geometries: [] };
topo.objects = {
  land: { type: "GeometryCollection", geometries: islands },
  // The coast: the same arcs as the land's rings, drawn as lines (no extra bytes).
  coastlines: { type: "MultiLineString", arcs: islands.flatMap((g) => g.arcs) },
  countries: topo.objects.countries,
  ocean: topo.objects.ocean,
  lakes: empty, rivers: empty, subunits: empty,
};
topo.bbox = BBOX;
writeFileSync(OUT, JSON.stringify(topo));
console.log(`wrote ${OUT}: ${(JSON.stringify(topo).length / 1024).toFixed(0)} KB; ` +
            `${large.length} land masses simplified, ${small.length} small islands kept whole`);
