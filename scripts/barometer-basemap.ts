import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import countries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

import { DEMO_HUBS } from '../src/contexts/hubs/index.ts';
import { bcpPositions, borderCrossingPoints, locodePositions } from '../src/contexts/reference/index.ts';

/**
 * Writes the Barometer+'s offline basemap and places (no tile server is reachable where Interlink runs):
 * - `web/src/pages/barometer/geo/europe.json`: the countries of Europe as GeoJSON, from Natural Earth's 1:50 m
 *   admin-0 countries (public domain) as packaged by `world-atlas`, clipped to Europe and its neighbours and
 *   rounded to 0.02° (about two kilometres, plenty for a national choropleth);
 * - `web/src/pages/barometer/geo/places.json`: the crossing points and the demo hubs with a known position.
 * Run it again after adding positions: `node scripts/barometer-basemap.ts`.
 */

type Ring = Array<[number, number]>;

/** West, south, east, north: from the Azores and the Canaries to the Urals' foot and the North Cape. */
const BOX = [-32, 27, 45, 72] as const;
const PRECISION = 50;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const topology = JSON.parse(
  readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
) as Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** Sutherland–Hodgman clipping of a ring to one edge of the box. */
function clipEdge(
  ring: Ring,
  inside: (p: [number, number]) => boolean,
  cut: (a: [number, number], b: [number, number]) => [number, number],
): Ring {
  const out: Ring = [];
  for (let i = 0; i < ring.length; i += 1) {
    const current = ring[i]!;
    const previous = ring[(i + ring.length - 1) % ring.length]!;
    if (inside(current)) {
      if (!inside(previous)) {
        out.push(cut(previous, current));
      }
      out.push(current);
    } else if (inside(previous)) {
      out.push(cut(previous, current));
    }
  }
  return out;
}

const atX = (a: [number, number], b: [number, number], x: number): [number, number] => [
  x,
  a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0]),
];
const atY = (a: [number, number], b: [number, number], y: number): [number, number] => [
  a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]),
  y,
];

function clipRing(ring: Ring): Ring | null {
  const [west, south, east, north] = BOX;
  let r = ring.slice(0, -1);
  r = clipEdge(
    r,
    (p) => p[0] >= west,
    (a, b) => atX(a, b, west),
  );
  r = clipEdge(
    r,
    (p) => p[0] <= east,
    (a, b) => atX(a, b, east),
  );
  r = clipEdge(
    r,
    (p) => p[1] >= south,
    (a, b) => atY(a, b, south),
  );
  r = clipEdge(
    r,
    (p) => p[1] <= north,
    (a, b) => atY(a, b, north),
  );
  const rounded: Ring = [];
  for (const [x, y] of r) {
    const p: [number, number] = [
      Math.round(x * PRECISION) / PRECISION,
      Math.round(y * PRECISION) / PRECISION,
    ];
    const last = rounded.at(-1);
    if (last === undefined || last[0] !== p[0] || last[1] !== p[1]) {
      rounded.push(p);
    }
  }
  if (rounded.length < 3) {
    return null;
  }
  rounded.push(rounded[0]!);
  return rounded;
}

function clipPolygon(rings: Ring[]): Ring[] | null {
  const outer = clipRing(rings[0]!);
  if (outer === null) {
    return null;
  }
  return [
    outer,
    ...rings.slice(1).flatMap((r) => {
      const c = clipRing(r);
      return c === null ? [] : [c];
    }),
  ];
}

const features = [];
const collection = feature(topology, topology.objects.countries);
for (const f of collection.features) {
  const geometry = f.geometry as { type: string; coordinates: unknown } | null;
  if (geometry === null) {
    continue;
  }
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  const clipped = polygons.map(clipPolygon).filter((p): p is Ring[] => p !== null);
  if (clipped.length === 0) {
    continue;
  }
  // Natural Earth gives Kosovo and northern Cyprus no ISO number; they are shaded as no state's.
  const code = f.id === undefined ? '' : (countries.numericToAlpha2(String(f.id)) ?? '');
  features.push({
    type: 'Feature',
    properties: { code, name: f.properties.name },
    geometry: { type: 'MultiPolygon', coordinates: clipped },
  });
}
features.sort((a, b) => a.properties.name.localeCompare(b.properties.name));

const geoDir = path.join(root, 'web', 'src', 'pages', 'barometer', 'geo');
writeFileSync(
  path.join(geoDir, 'europe.json'),
  `${JSON.stringify({ type: 'FeatureCollection', features })}\n`,
);

const bcps = borderCrossingPoints.flatMap((b) => {
  const at = bcpPositions[b.id];
  return at === undefined
    ? []
    : [{ id: b.id, name: b.name, memberState: b.memberStateAlpha2, kind: b.kind, lat: at.lat, lon: at.lon }];
});
const hubs = DEMO_HUBS.flatMap(({ hub }) => {
  const at = hub.locode === undefined ? undefined : locodePositions[hub.locode];
  return at === undefined
    ? []
    : [
        {
          id: hub.id,
          name: hub.name,
          memberState: hub.memberState,
          kind: hub.kind,
          lat: at.lat,
          lon: at.lon,
        },
      ];
});
writeFileSync(path.join(geoDir, 'places.json'), `${JSON.stringify({ bcps, hubs }, null, 2)}\n`);
process.stdout.write(
  `europe.json: ${features.length} countries; places.json: ${bcps.length} BCPs, ${hubs.length} hubs\n`,
);
