import { z } from "zod";
import { GRAPH_ID_PATTERN, GRAPH_LIMITS } from "./limits";

/** Node and edge ids: short, printable, safe in a URL and a CSS selector. */
export const graphIdSchema = z
  .string()
  .min(1, "id is empty")
  .max(GRAPH_LIMITS.maxIdLength, `id is longer than ${GRAPH_LIMITS.maxIdLength} characters`)
  .regex(GRAPH_ID_PATTERN, "id may hold only letters, digits, '_', '-', '.' and ':'");

const positionSchema = z.strictObject({ x: z.number(), y: z.number() });
const sizeSchema = z.number().positive().max(100_000).nullable().optional();

/** The stored fields every node has, whatever its type. */
export const nodeBaseShape = {
  id: graphIdSchema,
  position: positionSchema,
  width: sizeSchema,
  height: sizeSchema,
};
