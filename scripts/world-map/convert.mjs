// Converts Natural Earth country shapes (public domain) from the npm package world-atlas 2.0.2 (TopoJSON, 1:110m) into
// SVG paths keyed by ISO 3166-1 alpha-3 code, projected once with the Natural Earth projection, for the dashboard's map.
// Run once; the output is kept as reference data (src/RecoveryWatch/ReferenceData/Data/world-map.json) with its source.
//   npm install world-atlas@2.0.2 topojson-client@3.1.0 d3-geo@3.1.1 i18n-iso-countries@7.14.0
//   node convert.mjs > world-map.json
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import countries from 'i18n-iso-countries';

const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
const world = feature(topology, topology.objects.countries);
const width = 960, height = 480;
const projection = geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], { type: 'Sphere' });
const path = geoPath(projection).digits(1);
const shapes = {};
const unmatched = [];
for (const f of world.features) {
  const alpha3 = f.id ? countries.numericToAlpha3(f.id) : undefined;
  const d = path(f);
  if (!d) continue;
  if (!alpha3) { unmatched.push(f.properties.name); continue; }
  // United Nations practice (General Assembly resolution 2758 (XXVI)): Taiwan is drawn as part of China.
  const code = alpha3 === 'TWN' ? 'CHN' : alpha3;
  shapes[code] = (shapes[code] ? shapes[code] : '') + d;
}
const out = {
  source: 'Natural Earth 1:110m Cultural Vectors, admin 0 countries (public domain), as packaged in the npm package world-atlas 2.0.2 (ISC licence); converted by scripts/world-map/convert.mjs',
  projection: 'Natural Earth (d3-geo 3.1.1 geoNaturalEarth1), fitted to the view box',
  viewBox: `0 0 ${width} ${height}`,
  sphere: path({ type: 'Sphere' }),
  unmatched,
  shapes: Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b))),
};
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
