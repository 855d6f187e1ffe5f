import { z } from "zod";
import { GRAPH_LIMITS } from "../limits";

/** Field schemas several node types share. */
export const labelField = z.string().max(200);
/** A JSON document kept as the text a user typed, so a half-typed value is never lost. */
export const jsonTextField = z.string().max(GRAPH_LIMITS.maxNodeDataBytes);
