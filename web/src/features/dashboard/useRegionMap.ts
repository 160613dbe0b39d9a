// Which map to draw for the node on screen: the deployment's uploaded (reviewed) map when there is
// one, else the bundled schematic map, else none (ranked bars). Uploaded maps come from our own API
// (GET /api/boundaries for the list, /api/boundaries/:code for one map), never from outside.
import { useEffect, useState } from 'react';
import type { Static } from '@fastify/type-provider-typebox';
import type { BoundaryDetail, BoundaryList } from '../../../../src/modules/boundaries/schemas';
import { childCodeUnder, type BoundaryCollection } from '../../../../src/domain/geojson';
import { api } from '../../api/client';
import { echarts } from '../../components/echarts';
import { mapFor } from './regionMaps';

type Uploaded = Static<typeof BoundaryList>['items'][number];
type Detail = Omit<Static<typeof BoundaryDetail>, 'geojson'> & { geojson: BoundaryCollection };

export interface RegionMapInfo {
  /** The ECharts map name, or null when there is no boundary data for the node. */
  map: string | null;
  /** 审图号 of an uploaded map; null for the schematic map. */
  reviewNumber: string | null;
  /** True until it is known which map the node has (and an uploaded one is registered). */
  loading: boolean;
}

/**
 * The features as regions named by the code of the child they lie in (the names RegionMap maps to
 * children), pieces of one child merged: a file drawn at a finer level still colours by child.
 */
function byChild(code: string, source: BoundaryCollection) {
  const regions = new Map<string, { type: 'Feature'; properties: { name: string; cp?: number[] }; geometry: { type: 'MultiPolygon'; coordinates: unknown[] } }>();
  for (const f of source.features) {
    const child = childCodeUnder(code, f.properties.code);
    if (!child) continue;
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const seen = regions.get(child);
    // A label point belongs to the child's own feature, not to a piece of a descendant.
    const cp = f.properties.code === child ? f.properties.cp : undefined;
    if (seen) {
      seen.geometry.coordinates.push(...polygons);
      if (cp) seen.properties.cp = cp;
    } else {
      regions.set(child, { type: 'Feature', properties: { name: child, ...(cp ? { cp } : {}) }, geometry: { type: 'MultiPolygon', coordinates: [...polygons] } });
    }
  }
  return { type: 'FeatureCollection', features: [...regions.values()] };
}

// Registered maps by code and upload time; a new upload of the same node gets a new name.
const loaded = new Map<string, Promise<{ map: string; reviewNumber: string }>>();

function loadUploaded(u: Uploaded): Promise<{ map: string; reviewNumber: string }> {
  const key = `${u.code}@${u.uploadedAt}`;
  let p = loaded.get(key);
  if (!p) {
    p = api.get<Detail>(`/boundaries/${encodeURIComponent(u.code)}`).then((d) => {
      const map = `fk-upload-${d.code}-${Date.parse(d.uploadedAt)}`;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      echarts.registerMap(map, byChild(d.code, d.geojson) as any);
      return { map, reviewNumber: d.reviewNumber };
    });
    p.catch(() => loaded.delete(key));
    loaded.set(key, p);
  }
  return p;
}

/** Uploaded maps in the caller's jurisdiction, fetched once per page; empty when the list cannot be had. */
function useUploadedList(): Map<string, Uploaded> | null {
  const [list, setList] = useState<Map<string, Uploaded> | null>(null);
  useEffect(() => {
    let live = true;
    api
      .get<Static<typeof BoundaryList>>('/boundaries')
      .then((r) => live && setList(new Map(r.items.map((i) => [i.code, i]))))
      .catch(() => live && setList(new Map()));
    return () => {
      live = false;
    };
  }, []);
  return list;
}

export function useRegionMap(code: string): RegionMapInfo {
  const list = useUploadedList();
  const uploaded = list?.get(code);
  const [ready, setReady] = useState<{ key: string; map: string | null; reviewNumber: string | null } | null>(null);
  const key = uploaded ? `${code}@${uploaded.uploadedAt}` : code;

  useEffect(() => {
    if (!uploaded) return;
    let live = true;
    loadUploaded(uploaded).then(
      (r) => live && setReady({ key, ...r }),
      // The map could not be had: fall back to what is bundled.
      () => live && setReady({ key, map: mapFor(code), reviewNumber: null }),
    );
    return () => {
      live = false;
    };
  }, [uploaded, code, key]);

  if (!list) return { map: null, reviewNumber: null, loading: true };
  if (!uploaded) return { map: mapFor(code), reviewNumber: null, loading: false };
  if (ready?.key !== key) return { map: null, reviewNumber: null, loading: true };
  return { map: ready.map, reviewNumber: ready.reviewNumber, loading: false };
}
