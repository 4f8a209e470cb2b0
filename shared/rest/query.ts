import { z } from 'zod';

// Query strings arrive as text: these read them into numbers and booleans with clear errors.

export const qInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** true/false/1/0 (anything else is a field error, not a silent false). */
export const qBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
