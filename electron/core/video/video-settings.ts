/**
 * How videos are analysed. Defaults measured on the generated set (`npm run eval:video`) and the 60 s
 * 1080p clip (`npm run bench:video`).
 */
export interface VideoSettings {
  /** Regular sampling: 3 frames a second puts a range's ends within ~170 ms of the truth. */
  sampleIntervalMs: number;
  /** Longest side frames are decoded and searched at: 960 keeps 1080p faces of ~40 px at ~20 px, well above YuNet's ~10 px floor. */
  maxSide: number;
  /** Second detector pass for faces too big for the fine pass (close-ups); small, since it only has to find big faces. */
  coarseMaxSide: number;
  /** A chain of overlapping boxes is embedded once per this long (embedding costs as much as a detection pass). */
  embedEveryMs: number;
  /** Windows are the unit of work and of resumption: a killed import redoes at most one window per worker. */
  windowMs: number;
  /** ffmpeg scene score taken as a cut. */
  sceneThreshold: number;
  /** A track survives this long without a sighting (a turned head, a passer-by in front). */
  maxGapMs: number;
  /** Tracks seen fewer times are dropped as stray detections. */
  minTrackDetections: number;
}

export const DEFAULT_VIDEO_SETTINGS: VideoSettings = {
  sampleIntervalMs: 333,
  maxSide: 960,
  coarseMaxSide: 320,
  embedEveryMs: 1000,
  windowMs: 10_000,
  sceneThreshold: 0.4,
  maxGapMs: 1500,
  minTrackDetections: 2,
};
