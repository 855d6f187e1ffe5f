import { GRAPH_LIMITS } from "@/lib/graph/limits";
import { text } from "@/lib/text/storable";

/** Field schemas several node types share. */
export const labelField = text().max(200);
/** A JSON document kept as the text a user typed, so a half-typed value is never lost. */
export const jsonTextField = text().max(GRAPH_LIMITS.maxNodeDataBytes);
