import { fitView, type ImageSize, type Size, type View } from '../../../shared/geometry.ts';

// Zoom and pan of the viewer as plain numbers: zoom 1 is "fit"; (cx, cy) is the image point at the
// centre of the stage. Face boxes go through the same View as the photo, so they stay on the faces.

export interface Zoom {
  zoom: number;
  cx: number;
  cy: number;
}

/** At most this many screen pixels per image pixel. */
export const MAX_PIXEL_SCALE = 4;

export const fitted = (img: ImageSize): Zoom => ({ zoom: 1, cx: img.width / 2, cy: img.height / 2 });

export function maxZoom(img: ImageSize, stage: Size): number {
  const fit = fitView(img, stage).scale;
  return fit > 0 ? Math.max(1, MAX_PIXEL_SCALE / fit) : 1;
}

/** Keep the photo on screen: centred along an axis where it is smaller than the stage. */
export function clampZoom(z: Zoom, img: ImageSize, stage: Size): Zoom {
  const zoom = Math.min(Math.max(1, z.zoom), maxZoom(img, stage));
  const scale = fitView(img, stage).scale * zoom;
  const axis = (c: number, len: number, view: number) => {
    const half = view / (2 * scale);
    return len * scale <= view ? len / 2 : Math.min(Math.max(c, half), len - half);
  };
  return { zoom, cx: axis(z.cx, img.width, stage.width), cy: axis(z.cy, img.height, stage.height) };
}

export function viewOf(z: Zoom, img: ImageSize, stage: Size): View {
  const scale = fitView(img, stage).scale * z.zoom;
  return { scale, originX: stage.width / 2 - z.cx * scale, originY: stage.height / 2 - z.cy * scale };
}

/** Zoom by `factor` keeping the image point under (px, py) where it is. */
export function zoomAt(z: Zoom, factor: number, px: number, py: number, img: ImageSize, stage: Size): Zoom {
  const v = viewOf(z, img, stage);
  const ix = (px - v.originX) / v.scale;
  const iy = (py - v.originY) / v.scale;
  const zoom = Math.min(Math.max(1, z.zoom * factor), maxZoom(img, stage));
  const scale = fitView(img, stage).scale * zoom;
  return clampZoom({ zoom, cx: ix - (px - stage.width / 2) / scale, cy: iy - (py - stage.height / 2) / scale }, img, stage);
}

export function pan(z: Zoom, dx: number, dy: number, img: ImageSize, stage: Size): Zoom {
  const scale = fitView(img, stage).scale * z.zoom;
  return clampZoom({ zoom: z.zoom, cx: z.cx - dx / scale, cy: z.cy - dy / scale }, img, stage);
}

/** The zoom at which one image pixel is one device pixel ("100%"). */
export function actualSizeZoom(img: ImageSize, stage: Size, dpr = 1): number {
  const fit = fitView(img, stage).scale;
  return fit > 0 ? Math.max(1, 1 / (fit * dpr)) : 1;
}
