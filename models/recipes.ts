/** The ways models/derive.ts can make a model from a verified one (the manifest names one per derived entry). */
export const RECIPES = ['uint8-rgb-input', 'dynamic-batch', 'prelu-as-max'] as const;
export type Recipe = (typeof RECIPES)[number];
